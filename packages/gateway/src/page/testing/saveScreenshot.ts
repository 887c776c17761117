import { mkdirSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import type { Page } from 'playwright-core'

/** `packages/gateway/.artifacts/` (gitignored): where the browser tests leave their screenshots. */
export const artifactsDir = fileURLToPath(new URL('../../../.artifacts/', import.meta.url))

/**
 * Saves a full-page screenshot as `<artifactsDir>/<name>.png`, prints its path and returns it.
 *
 * @example
 * const path = await saveScreenshot(page, 'chat-page')
 */
export async function saveScreenshot(page: Page, name: string): Promise<string> {
  mkdirSync(artifactsDir, { recursive: true })
  const path = `${artifactsDir}${name}.png`
  await page.screenshot({ path, fullPage: true })
  console.log(`screenshot: ${path}`)
  return path
}
