import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startTestGateway, type TestGateway } from '../testing/index.js'
import { chatPage } from './chatPage.js'
import { formatOpen } from './static/formatOpen.js'
import { launchChromium } from './testing/launchChromium.js'
import { type AnswerObservation, observeAnswer, streamedLengths } from './testing/observeAnswer.js'
import { saveScreenshot } from './testing/saveScreenshot.js'

// The page in headless Chromium against the real serving stack: devnet, lora-host, datanet, settlement worker.
describe('chat page (real gateway)', () => {
  let browser: Browser
  let t: TestGateway

  beforeAll(async () => {
    browser = await launchChromium()
    t = await startTestGateway({ gateway: { page: chatPage(), limits: { maxTokens: 24 } } })
  }, 120_000)
  afterAll(async () => {
    await browser?.close()
    await t?.close()
  })

  it('streams an answer in and shows its Proof of Attribution', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } })
    await page.addInitScript(observeAnswer)
    await page.goto(`${t.url}/#key=${t.apiKey}`)
    await expect.poll(() => page.locator('#agent').inputValue()).toBe(t.model)

    await page.getByLabel('Your question').fill('Tell me about the big red ball in the park.')
    await page.getByLabel('Your question').press('Enter')
    await page.locator('#attribution').waitFor({ state: 'visible', timeout: 60_000 })

    const answer = (await page.locator('.answer').last().textContent()) ?? ''
    expect(answer.length).toBeGreaterThan(0)
    const log = (await page.evaluate('window.__answerLog')) as AnswerObservation[]
    // The answer arrived token by token: seen while streaming, and at more than one length.
    const lengths = streamedLengths(log)
    expect(lengths.length).toBeGreaterThanOrEqual(1)
    expect(new Set([...lengths, answer.length]).size).toBeGreaterThanOrEqual(2)
    expect(log.at(-1)?.state).toBe('done')

    expect(await page.locator('#fee').textContent()).toBe(`${formatOpen(t.served.agent.feeWei)} OPEN`)
    expect(await page.locator('#contributors li.contributor').count()).toBeGreaterThan(0)
    expect(await page.locator('#rows tbody tr').count()).toBeGreaterThan(0)
    const rowTexts = await page.locator('#rows tbody td.row-text').allTextContents()
    for (const text of rowTexts)
      expect(t.rows.map((row) => row.content)).toContainEqual({ kind: 'text', text })
    const receipt = page.locator('#receipt a')
    expect(await receipt.getAttribute('href')).toMatch(new RegExp(`^${t.url}/v1/receipts/0x[0-9a-f]{64}$`))
    expect(await page.getByRole('alert').isHidden()).toBe(true)
    console.log(`answer: ${JSON.stringify(answer)}; streamed lengths: ${lengths.join(', ')}`)
    await saveScreenshot(page, 'chat-page')
    await page.close()
  })

  it('shows a 402 for a key whose account has no deposit', async () => {
    const page = await browser.newPage()
    await page.goto(`${t.url}/#key=${t.brokeApiKey}`)
    await expect.poll(() => page.locator('#agent').inputValue()).toBe(t.model)
    await page.getByLabel('Your question').fill('Tell me a story.')
    await page.getByLabel('Your question').press('Enter')
    const alert = page.getByRole('alert')
    await alert.waitFor({ state: 'visible', timeout: 30_000 })
    expect(await alert.textContent()).toMatch(/^402 .*Insufficient prepaid balance/)
    await page.close()
  })
})
