import { existsSync } from 'node:fs'
import { type Browser, chromium } from 'playwright-core'
import { ChromiumMissingError } from './ChromiumMissingError.js'

/** Debian's Chromium: the browser tests drive it and never download one. */
export const chromiumPath = '/usr/bin/chromium'

/**
 * Launches headless Debian Chromium for the page's browser tests; fails (never skips) when it is missing, saying
 * how to install it, since CI installs it and a silent skip would hide a page that no longer works.
 *
 * @example
 * const browser = await launchChromium()
 * const page = await browser.newPage()
 */
export async function launchChromium(): Promise<Browser> {
  if (!existsSync(chromiumPath)) throw new ChromiumMissingError(chromiumPath)
  return chromium.launch({ executablePath: chromiumPath, headless: true, args: ['--no-sandbox'] })
}
