import { existsSync } from 'node:fs'
import { type Browser, chromium } from 'playwright-core'

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
  if (!existsSync(chromiumPath))
    throw new Error(
      `The chat page's browser test needs Chromium at ${chromiumPath}: run \`apt-get install -y chromium\` (as root; .ci/run does it on CI).`,
    )
  return chromium.launch({ executablePath: chromiumPath, headless: true, args: ['--no-sandbox'] })
}
