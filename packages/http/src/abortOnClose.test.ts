import express from 'express'
import { expect, it } from 'vitest'
import { abortOnClose } from './abortOnClose.js'
import { listen } from './testing/listen.js'

it('aborts when the client goes away before the response is finished, not after', async () => {
  const signals: AbortSignal[] = []
  const app = express()
  app.get('/done', (_request, response) => {
    signals.push(abortOnClose(response))
    response.json({ ok: true })
  })
  app.get('/slow', (_request, response) => {
    signals.push(abortOnClose(response))
    response.write('started')
  })
  await listen(app, async (url) => {
    expect(await (await fetch(`${url}/done`)).json()).toEqual({ ok: true })
    const client = new AbortController()
    const slow = await fetch(`${url}/slow`, { signal: client.signal })
    expect(slow.status).toBe(200)
    client.abort()
    await expect.poll(() => signals[1]?.aborted).toBe(true)
  })
  expect(signals[0]!.aborted).toBe(false)
})
