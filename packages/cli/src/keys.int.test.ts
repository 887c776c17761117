import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { DEV_MNEMONIC, devAccounts, startDevnetServer } from '@openledger/chain'
import { sharedModelsDir } from '@openledger/lora-host/testing'
import { generatePrivateKey, privateKeyToAddress } from 'viem/accounts'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { expectOneLineError } from './testing/expectOneLineError.js'
import { runCli } from './testing/runCli.js'

let home: string
beforeAll(() => {
  home = mkdtempSync(join(tmpdir(), 'openledger-keys-'))
})
afterAll(() => rmSync(home, { recursive: true, force: true }))

const PASSWORD = 'operator passphrase'
const fast = ['--scrypt-n', '1024']
// `up` on a devnet whose chain id is not the devnet's (31337): every port free, no waiting.
const bare = () => mkdtempSync(join(home, 'bare-'))
const upOn1337 = [
  'up',
  '--chain-id',
  '1337',
  '--port',
  '0',
  '--lora-port',
  '0',
  '--gateway-port',
  '0',
  '--no-wait',
]

describe('openledger keys', () => {
  it('creates, imports and lists keystores: addresses only, never a secret', async () => {
    const env = { OPENLEDGER_HOME: home, OPENLEDGER_KEYSTORE_PASSWORD: PASSWORD }
    const created = await runCli(['keys', 'create', 'agent-defi-assistant', ...fast], env)
    expect(created).toMatchObject({ code: 0, stderr: '' })
    const [, address] = /: (0x[0-9a-fA-F]{40}) \(/.exec(created.stdout) ?? []
    expect(address).toBeDefined()
    const imported = generatePrivateKey()
    const importRun = await runCli(['keys', 'import', 'agent-ai-wallet', ...fast], {
      ...env,
      OPENLEDGER_PRIVATE_KEY: imported,
    })
    expect(importRun.stdout).toContain(`Imported agent-ai-wallet: ${privateKeyToAddress(imported)}`)
    const listed = await runCli(['keys', 'list'], { OPENLEDGER_HOME: home })
    expect(listed.stdout).toBe(
      `agent-ai-wallet  ${privateKeyToAddress(imported)}\nagent-defi-assistant  ${address}\n`,
    )
    expect(readFileSync(join(home, 'keys', 'agent-ai-wallet.json'), 'utf8')).not.toContain(imported.slice(2))
  })

  it('refuses in one line: no passphrase, an existing name, import without a key', async () => {
    expectOneLineError(
      await runCli(['keys', 'create', 'other', ...fast], { OPENLEDGER_HOME: home }),
      /^error: Set OPENLEDGER_KEYSTORE_PASSWORD to encrypt keystore other/,
    )
    const env = { OPENLEDGER_HOME: home, OPENLEDGER_KEYSTORE_PASSWORD: PASSWORD }
    expectOneLineError(
      await runCli(['keys', 'create', 'agent-ai-wallet', ...fast], env),
      /^error: A keystore already exists at .*agent-ai-wallet\.json/,
    )
    expectOneLineError(
      await runCli(['keys', 'import', 'other', ...fast], env),
      /^error: Set OPENLEDGER_PRIVATE_KEY to the key to import/,
    )
  })
})

describe('openledger up on a chain id other than the devnet’s', () => {
  it('without agent keys: refuses in one line, naming the agent, the chain and how to make a key', async () => {
    const result = await runCli(upOn1337, { OPENLEDGER_HOME: bare(), OPENLEDGER_MODELS: sharedModelsDir })
    expectOneLineError(
      result,
      /^error: agent defi-assistant's default key is public \(from the dev mnemonic\): devnet only \(chain 31337\), and this chain is 1337; create its own with `openledger keys create agent-defi-assistant` or set OPENLEDGER_AGENT_SEED\.$/,
    )
    expect(result.stdout).not.toMatch(/Deploying|deployed/i)
  })

  it('refuses the dev mnemonic as OPENLEDGER_AGENT_SEED, and a wrong or missing keystore passphrase', async () => {
    const env = { OPENLEDGER_MODELS: sharedModelsDir }
    expectOneLineError(
      await runCli(upOn1337, { ...env, OPENLEDGER_HOME: bare(), OPENLEDGER_AGENT_SEED: DEV_MNEMONIC }),
      /^error: OPENLEDGER_AGENT_SEED \(the dev mnemonic\) is public .* this chain is 1337/,
    )
    expectOneLineError(
      await runCli(upOn1337, { ...env, OPENLEDGER_HOME: home, OPENLEDGER_KEYSTORE_PASSWORD: 'not it' }),
      /^error: Wrong passphrase for keystore .*agent-defi-assistant\.json/,
    )
    expectOneLineError(
      await runCli(upOn1337, { ...env, OPENLEDGER_HOME: home }),
      /^error: Set OPENLEDGER_KEYSTORE_PASSWORD to open keystore agent-defi-assistant/,
    )
  })

  it('with each agent’s keystore (or the operator’s seed) passes the key stage, then needs a deployment of its own', async () => {
    const env = { OPENLEDGER_MODELS: sharedModelsDir }
    const sources: Record<string, string>[] = [
      { OPENLEDGER_HOME: home, OPENLEDGER_KEYSTORE_PASSWORD: PASSWORD },
      { OPENLEDGER_HOME: bare(), OPENLEDGER_AGENT_SEED: 'an operator secret of some length' },
    ]
    for (const keys of sources)
      expectOneLineError(
        await runCli(upOn1337, { ...env, ...keys }),
        /^error: Off the devnet, --owners is required/,
      )
  })

  it('a dev key given as one’s own (--private-key or OPENLEDGER_PRIVATE_KEY) is refused there too', async () => {
    const server = await startDevnetServer({ chainId: 1337 })
    try {
      const genesis = join(home, 'genesis.json')
      writeFileSync(genesis, '[{"label":"community","holder":"treasury","amount":"1000000000"}]')
      const someone = privateKeyToAddress(generatePrivateKey())
      const deploy = [
        'deploy',
        '--rpc-url',
        server.url,
        '--owners',
        someone,
        '--genesis',
        genesis,
        '--settler',
        someone,
      ]
      const devKey = devAccounts(1)[0]!.privateKey
      const refusal =
        /^error: the deployer key given is public \(from the dev mnemonic\): devnet only \(chain 31337\), and this chain is 1337; pass a key of your own\.$/
      expectOneLineError(
        await runCli([...deploy, '--private-key', devKey], { OPENLEDGER_HOME: bare() }),
        refusal,
      )
      expectOneLineError(
        await runCli(deploy, { OPENLEDGER_HOME: bare(), OPENLEDGER_PRIVATE_KEY: devKey }),
        refusal,
      )
    } finally {
      await server.close()
    }
  })
})
