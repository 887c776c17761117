import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { sharedModelsDir } from '@openledger/lora-host/testing'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { expectOneLineError } from './testing/expectOneLineError.js'
import { runBinUntilInterrupted } from './testing/runBin.js'
import { runCli } from './testing/runCli.js'

type Stack = {
  chainId: number
  gatewayUrl: string
  loraHostUrl: string
  apiKey: string
  agents: { id: string; agentId: string }[]
}

type Completion = {
  model: string
  choices: { message: { role: string; content: string }; finish_reason: string }[]
  attribution: { receiptId: string; payer: string; fee: string }
}

let home: string
beforeAll(() => {
  home = mkdtempSync(join(tmpdir(), 'openledger-up-'))
})
afterAll(() => rmSync(home, { recursive: true, force: true }))

// Few training steps: the test is about the stack, not the adapters' prose.
const up = ['up', '--port', '0', '--lora-port', '0', '--gateway-port', '0', '--train-steps', '8']

describe('openledger up (npm start)', () => {
  it('runs the whole stack from a clean state, answers one chat through the gateway, stops on Ctrl-C, and reuses the state on a second start', async () => {
    const env = { OPENLEDGER_HOME: home, OPENLEDGER_MODELS: sharedModelsDir }
    let stack: Stack | undefined
    let completion: Completion | undefined
    const first = await runBinUntilInterrupted(
      up,
      env,
      /Press Ctrl-C to stop/,
      async () => {
        stack = JSON.parse(readFileSync(join(home, 'stack.json'), 'utf8')) as Stack
        const health = await fetch(`${stack.gatewayUrl}/health`)
        expect(health.status).toBe(200)
        const models = (await (await fetch(`${stack.loraHostUrl}/models`)).json()) as { data: unknown[] }
        expect(models.data.length).toBeGreaterThan(0)
        const response = await fetch(`${stack.gatewayUrl}/v1/chat/completions`, {
          method: 'POST',
          headers: { authorization: `Bearer ${stack.apiKey}`, 'content-type': 'application/json' },
          body: JSON.stringify({
            model: 'defi-assistant',
            messages: [{ role: 'user', content: 'What is the price of OPEN in USDC?' }],
          }),
        })
        expect(response.status).toBe(200)
        completion = (await response.json()) as Completion
      },
      240_000,
    )
    expect({ code: first.code, stderr: first.stderr }).toEqual({ code: 0, stderr: '' })
    expect(first.stdout).toMatch(/OpenLedger stack is up .*fresh deployment/)
    expect(first.stdout).toMatch(/chat page {6}http:\/\/127\.0\.0\.1:\d+\/#key=ol_/)
    expect(first.stdout).toContain('curl -s http://127.0.0.1:')
    expect(first.stdout).toMatch(/Stopping…\nStopped\.\n$/)
    expect(stack?.agents.map((a) => a.id)).toEqual(['defi-assistant', 'ai-wallet'])
    expect(completion?.model).toBe('defi-assistant')
    expect(completion?.choices[0]?.message.content).toMatch(/USDC/)
    expect(completion?.attribution.receiptId).toMatch(/^0x[0-9a-f]{64}$/)
    expect(existsSync(join(home, 'stack.json'))).toBe(false)

    const second = await runCli([...up, '--no-wait'], env)
    expect({ code: second.code, stderr: second.stderr }).toEqual({ code: 0, stderr: '' })
    expect(second.stdout).not.toMatch(/training adapter/)
    expect(second.stdout).toMatch(/adapter defi-answer .*reused/)
  }, 420_000)

  it('says where it looked for the base model, and how to get it, when it is nowhere', async () => {
    const empty = join(home, 'no-models')
    expectOneLineError(
      await runCli([...up, '--no-wait'], { OPENLEDGER_HOME: join(home, 'other'), OPENLEDGER_MODELS: empty }),
      /^error: No base model stories260K in .*no-models\. Copy the stories260K folder .* or set OPENLEDGER_MODELS/,
    )
  })
})
