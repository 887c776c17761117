import type { AddressInfo } from 'node:net'
import express from 'express'
import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { chatPage } from './chatPage.js'
import { launchChromium } from './testing/launchChromium.js'
import { type AnswerObservation, observeAnswer, streamedLengths } from './testing/observeAnswer.js'
import { saveScreenshot } from './testing/saveScreenshot.js'

// The page against a scripted server speaking the gateway's wire format: what the page does with a slow
// stream, an attribution and each refusal, independent of the gateway core.
const apiKey = 'olk_test'
const words = ['Swap ', 'ETH ', 'for ', 'USDC ', 'on ', 'Uniswap.']
const answer = words.join('')
const attribution = {
  receiptId: '0x9f1c2b7e4d5a6b8c9d0e1f2a3b4c5d6e7f8091a2b3c4d5e6f708192a3b4c5d6e',
  agentId: '1',
  fee: '1500000000000000',
  payer: '0x70997970C51812dc3A010C7d01b50e0d17dc79C8',
  noEvidence: false,
  adapters: [{ id: 'defi-answer', sha256: 'ab12cd34ef56ab12cd34ef56' }],
  contributors: [
    { contributor: '0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC', share: '750000000000000000', percent: 75 },
    { contributor: '0x90F79bf6EB2c4f870365E785982E1f101E93b906', share: '250000000000000000', percent: 25 },
  ],
  rows: [
    {
      datanetId: '1',
      rowId: '0xaaaabbbbccccddddeeeeffff0000111122223333',
      contributor: '0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC',
      weight: '750000000000000000',
      method: 'spans',
      text: 'To swap ETH for USDC use the router',
    },
  ],
  spans: [
    { datanetId: '1', rowId: '0xaaaabbbbccccddddeeeeffff0000111122223333', start: 5, end: 8, text: 'ETH' },
  ],
  receiptUrl: '/v1/receipts/0x9f1c',
}
const refusals: Record<string, [number, string]> = {
  'broke-agent': [402, 'Insufficient prepaid balance: 0 OPEN spendable, 0.0015 OPEN needed'],
  'busy-agent': [429, 'Rate limit exceeded for this key'],
}

function scriptedGateway() {
  const app = express()
  app.use(express.json())
  const authorized = (req: express.Request, res: express.Response) => {
    if (req.headers.authorization === `Bearer ${apiKey}`) return true
    res.status(401).json({ error: { message: 'Invalid API key', type: 'invalid_request_error' } })
    return false
  }
  app.get('/v1/models', (req, res) => {
    if (!authorized(req, res)) return
    const data = ['defi-assistant', 'midway-agent', ...Object.keys(refusals)].map((id) => ({
      id,
      object: 'model',
    }))
    res.json({ object: 'list', data })
  })
  app.post('/v1/chat/completions', async (req, res) => {
    if (!authorized(req, res)) return
    const refusal = refusals[req.body.model]
    if (refusal) return void res.status(refusal[0]).json({ error: { message: refusal[1] } })
    res.setHeader('Content-Type', 'text/event-stream')
    const send = (data: unknown) => res.write(`data: ${JSON.stringify(data)}\n\n`)
    if (req.body.model === 'midway-agent') {
      send({ object: 'chat.completion.chunk', choices: [{ index: 0, delta: { content: 'Swap ' } }] })
      const error = { message: 'midway-agent failed to answer; nothing was charged.', request_id: 'req_42' }
      return void res.end(`data: ${JSON.stringify({ error })}\n\n`)
    }
    for (const content of words) {
      send({ object: 'chat.completion.chunk', choices: [{ index: 0, delta: { content } }] })
      await new Promise((resolve) => setTimeout(resolve, 40))
    }
    send({
      object: 'chat.completion.chunk',
      choices: [{ index: 0, delta: {}, finish_reason: 'stop' }],
      attribution,
    })
    res.end('data: [DONE]\n\n')
  })
  app.use('/', chatPage())
  return app
}

describe('chat page (scripted gateway)', () => {
  let browser: Browser
  let url: string
  let server: ReturnType<express.Express['listen']>

  beforeAll(async () => {
    server = scriptedGateway().listen(0, '127.0.0.1')
    await new Promise((resolve) => server.once('listening', resolve))
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
    browser = await launchChromium()
  })
  afterAll(async () => {
    await browser?.close()
    await new Promise((resolve) => server?.close(resolve))
  })

  it('serves the page with a strict content security policy, and not its TypeScript files', async () => {
    const page = await fetch(`${url}/`)
    expect(page.headers.get('content-type')).toMatch(/^text\/html/)
    expect(page.headers.get('content-security-policy')).toContain("default-src 'none'")
    expect((await fetch(`${url}/app.js`)).headers.get('content-type')).toMatch(/javascript/)
    for (const file of ['sse.d.ts', 'sse.test.ts']) expect((await fetch(`${url}/${file}`)).status).toBe(404)
  })

  it('streams an answer and shows its attribution', async () => {
    const page = await browser.newPage()
    await page.addInitScript(observeAnswer)
    await page.goto(`${url}/#key=${apiKey}`)
    expect(new URL(page.url()).hash).toBe('')
    await expect.poll(() => page.locator('#agent option').count()).toBe(4)
    await page.getByLabel('Your question').fill('How do I swap ETH for USDC?')
    await page.getByLabel('Your question').press('Enter')
    await page.locator('#attribution').waitFor({ state: 'visible' })

    expect(await page.locator('.answer').last().textContent()).toBe(answer)
    const log = (await page.evaluate('window.__answerLog')) as AnswerObservation[]
    const lengths = streamedLengths(log)
    expect(lengths.length).toBeGreaterThanOrEqual(2)
    expect(lengths).toEqual([...lengths].sort((a, b) => a - b))
    expect(await page.locator('#fee').textContent()).toBe('0.0015 OPEN')
    expect(await page.locator('#contributors li').allTextContents()).toEqual([
      expect.stringContaining('75.00%'),
      expect.stringContaining('25.00%'),
    ])
    expect(await page.locator('#rows tbody tr td').allTextContents()).toEqual([
      '1 · 0xaaaabbbb…3333',
      'spans',
      '75.00%',
      'To swap ETH for USDC use the router',
    ])
    expect(await page.locator('#highlighted mark').allTextContents()).toEqual(['ETH'])
    expect(await page.locator('#receipt a').getAttribute('href')).toBe(`${url}/v1/receipts/0x9f1c`)
    expect(await page.evaluate('localStorage.getItem("openledger.apiKey")')).toBe(apiKey)
    await saveScreenshot(page, 'chat-page-scripted')
    await page.setViewportSize({ width: 390, height: 844 })
    await saveScreenshot(page, 'chat-page-scripted-narrow')
    await page.close()
  })

  it('shows refusals with their status and message', async () => {
    const page = await browser.newPage()
    await page.goto(`${url}/#key=${apiKey}`)
    await expect.poll(() => page.locator('#agent option').count()).toBe(4)
    for (const [model, [status, message]] of Object.entries(refusals)) {
      await page.getByLabel('Agent').selectOption(model)
      await page.getByLabel('Your question').fill('Anything')
      await page.getByLabel('Your question').press('Enter')
      const alert = page.getByRole('alert')
      await expect.poll(() => alert.textContent()).toContain(message)
      expect(await alert.textContent()).toContain(String(status))
    }
    await page.getByLabel('Agent').selectOption('midway-agent')
    await page.getByLabel('Your question').fill('Anything')
    await page.getByLabel('Your question').press('Enter')
    await expect.poll(() => page.getByRole('alert').textContent()).toContain('(request id req_42)')
    expect(await page.getByRole('alert').textContent()).toContain('The answer failed')
    expect(await page.locator('.answer').last().getAttribute('data-state')).toBe('failed')
    await page.getByLabel('API key').fill('olk_wrong')
    await page.getByRole('button', { name: 'Connect' }).click()
    await expect.poll(() => page.getByRole('alert').textContent()).toContain('Invalid API key')
    await saveScreenshot(page, 'chat-page-scripted-refusal')
    await page.close()
  })
})
