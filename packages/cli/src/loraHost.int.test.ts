import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import {
  generatePeftAdapter,
  sharedModelsDir,
  stories260KDir as stories260K,
  tinyLlamaConfig,
} from '@openledger/lora-host/testing'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { expectOneLineError } from './testing/expectOneLineError.js'
import { runBinUntilInterrupted } from './testing/runBin.js'
import { runCli } from './testing/runCli.js'

let home: string
beforeAll(() => {
  home = mkdtempSync(join(tmpdir(), 'openledger-lora-cli-'))
})
afterAll(() => rmSync(home, { recursive: true, force: true }))

function writeAdapter(name: string, files: { config: Uint8Array; weights: Uint8Array }): string {
  const dir = join(home, name)
  mkdirSync(dir, { recursive: true })
  writeFileSync(join(dir, 'adapter_config.json'), files.config)
  writeFileSync(join(dir, 'adapter_model.safetensors'), files.weights)
  return dir
}

async function closedPort(): Promise<number> {
  const probe = createServer()
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve))
  const { port } = probe.address() as { port: number }
  await new Promise((resolve) => probe.close(resolve))
  return port
}

describe('openledger lora-host and adapter register', () => {
  it('serves the model until Ctrl-C, registering an adapter folder through the CLI', async () => {
    const env = { OPENLEDGER_HOME: home }
    const good = writeAdapter(
      'story-teller',
      generatePeftAdapter({ config: tinyLlamaConfig, rank: 4, seed: 5 }),
    )
    const otherBase = writeAdapter(
      'other-base',
      generatePeftAdapter({ config: tinyLlamaConfig, rank: 4, baseModel: 'Llama-2-7b-hf' }),
    )
    const result = await runBinUntilInterrupted(
      ['lora-host', '--model', stories260K, '--port', '0'],
      env,
      /Press Ctrl-C to stop/,
      async (stdout) => {
        const url = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(stdout)![1]!
        expect(await (await fetch(`${url}/healthz`)).json()).toMatchObject({
          status: 'ok',
          model: 'stories260K',
          adapters: 0,
        })
        const registered = await runCli(['adapter', 'register', good, '--host-url', url], env)
        expect(registered).toMatchObject({ code: 0, stderr: '' })
        expect(registered.stdout).toMatch(
          /^Registered adapter story-teller \(rank 4, sha256 [0-9a-f]{64}\)\n/,
        )
        expect(registered.stdout).toContain('model  stories260K:story-teller')
        const answer = await fetch(`${url}/v1/completions`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({
            model: 'stories260K:story-teller',
            prompt: 'Once upon a time',
            max_tokens: 8,
          }),
        })
        expect(answer.status).toBe(200)
        const completion = (await answer.json()) as { choices: { text: string }[]; adapter: { id: string } }
        expect(completion.adapter.id).toBe('story-teller')
        expect(completion.choices[0]!.text.length).toBeGreaterThan(0)
        expectOneLineError(
          await runCli(['adapter', 'register', otherBase, '--host-url', url], env),
          /^error: lora-host refused \(400\): Adapter other-base is invalid: it was trained on base model "Llama-2-7b-hf"/,
        )
      },
    )
    expect(result.stderr).toBe('')
    expect(result.code).toBe(0)
    expect(result.stdout).toMatch(/ {2}model {5}stories260K \(llama2c, sha256 [0-9a-f]{16}…\)/)
    expect(result.stdout).toMatch(/Stopping…\nStopped\.\n$/)
  })

  it('says in one line that the host is unreachable, or the model missing', async () => {
    const dir = writeAdapter('unsent', generatePeftAdapter({ config: tinyLlamaConfig, rank: 4 }))
    const url = `http://127.0.0.1:${await closedPort()}`
    expectOneLineError(
      await runCli(['adapter', 'register', dir, '--host-url', url], { OPENLEDGER_HOME: home }),
      /^error: lora-host at http:\/\/127\.0\.0\.1:\d+ is unreachable; start one with `openledger lora-host --model <path>`, or pass --host-url\.$/,
    )
    expectOneLineError(
      await runCli(['adapter', 'register', dir], { OPENLEDGER_HOME: home, LORA_HOST_URL: url }),
      /is unreachable/,
    )
    expectOneLineError(
      await runCli(['lora-host', '--model', join(home, 'no-model'), '--port', '0'], {
        OPENLEDGER_HOME: home,
      }),
      /^error: No model at .*no-model\.$/,
    )
    expectOneLineError(
      await runCli(['lora-host', '--port', '0'], {
        OPENLEDGER_HOME: home,
        OPENLEDGER_MODELS_DIR: join(home, 'models'),
      }),
      /^error: No model at .*models\/stories260K\.$/,
    )
    // --registered-only needs a deployment to read ModelRegistry from: none answers on a closed port.
    expectOneLineError(
      await runCli(['lora-host', '--port', '0', '--registered-only', '--rpc-url', url], {
        OPENLEDGER_HOME: home,
        OPENLEDGER_MODELS_DIR: sharedModelsDir,
      }),
      /^error: .*127\.0\.0\.1:\d+/,
    )
  })
})
