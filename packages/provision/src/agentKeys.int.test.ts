import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { encryptKeystore, readKeystoreKey, writeKeystore } from '@openledger/chain'
import { type DeployedDevnet, deployedDevnet } from '@openledger/chain/testing'
import { datanetRegistryAbi } from '@openledger/contracts'
import { datanetsSchema } from '@openledger/datanets'
import { createLocalClient, LoraHost, loadBaseModel } from '@openledger/lora-host'
import { stories260KDir } from '@openledger/lora-host/testing'
import { openStore, type Store } from '@openledger/store'
import { getAllowance } from '@openledger/tools'
import { parseEther } from 'viem'
import { generatePrivateKey, privateKeyToAccount, privateKeyToAddress } from 'viem/accounts'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { devnetProvisionAccounts } from './devnetProvisionAccounts.js'
import { topUpEther, topUpToken } from './funding/topUp.js'
import { provisionStack } from './provisionStack.js'
import { storyPackage } from './testing/storyPackage.js'
import type { ProvisionAccounts, ProvisionStackParameters } from './types.js'
import { provisionSchema } from './wallets/provisionSchema.js'

// A chain whose id is not the devnet's (31337): keys from the public dev mnemonic must not act on it.
const CHAIN_ID = 1337

let chain: DeployedDevnet
let store: Store
let host: LoraHost

function parameters(accounts: ProvisionAccounts, rest: Partial<ProvisionStackParameters> = {}) {
  return {
    connection: chain.connection,
    manifest: chain.manifest,
    store,
    home: chain.directory,
    host,
    client: createLocalClient(host),
    packages: [storyPackage()],
    accounts,
    trainingSteps: 3,
    demoCaller: { delegates: ['story-teller'] },
    ...rest,
  } satisfies ProvisionStackParameters
}

const refusal = (error: unknown) => ({
  name: (error as Error).name,
  line: (error as { shortMessage: string }).shortMessage,
})

const nothingChanged = async () => {
  expect(existsSync(join(chain.directory, 'deployments', `${CHAIN_ID}.provision.json`))).toBe(false)
  const datanets = await chain.connection.publicClient.readContract({
    address: chain.manifest.contracts.DatanetRegistry,
    abi: datanetRegistryAbi,
    functionName: 'datanetCount',
  })
  expect(datanets).toBe(0n)
}

beforeAll(async () => {
  chain = await deployedDevnet({ chainId: CHAIN_ID })
  store = await openStore({ directory: chain.directory, schemas: [datanetsSchema, provisionSchema] })
  host = await LoraHost.create({
    model: await loadBaseModel(stories260KDir),
    adaptersDir: join(chain.directory, 'adapters'),
    maxBatch: 4,
    residentAdapters: 2,
  })
}, 120_000)

afterAll(async () => {
  await host?.close()
  await store?.close()
  chain?.cleanup()
})

describe(`provisioning on chain ${CHAIN_ID} (not the devnet's)`, () => {
  test('without an agent key: refuses in one line, before anything changes', async () => {
    expect(chain.connection.chainId).toBe(CHAIN_ID)
    const error = await provisionStack(parameters(devnetProvisionAccounts(chain.devnet.accounts))).catch(
      (e: unknown) => e,
    )
    expect(refusal(error)).toEqual({
      name: 'DevnetOnlyError',
      line: `agent story-teller's default key is public (from the dev mnemonic): devnet only (chain 31337), and this chain is ${CHAIN_ID}; pass agentKeys or agentKeySeed (the CLI: a keystore agent-<package id>, or OPENLEDGER_AGENT_SEED).`,
    })
    await nothingChanged()
  })

  test('with the agent’s key from a keystore but dev keys for the roles: past the agent key, refused at the roles', async () => {
    const agentKey = generatePrivateKey()
    const error = await provisionStack(
      parameters(devnetProvisionAccounts(chain.devnet.accounts), { agentKeys: { 'story-teller': agentKey } }),
    ).catch((e: unknown) => e)
    expect(refusal(error)).toMatchObject({
      name: 'DevnetOnlyError',
      line: expect.stringMatching(/^accounts\.deployer \(a dev account\) is public .*this chain is 1337/),
    })
    await nothingChanged()
  })

  test('with the agent’s key from a keystore and keys of its own for each role: provisions, the agent acting with its key', async () => {
    const agentKey = generatePrivateKey()
    writeKeystore(
      chain.directory,
      'agent-story-teller',
      encryptKeystore(agentKey, 'op passphrase', { n: 2 ** 10 }),
    )
    const roles = await fundedRoleKeys()
    const { summary } = await provisionStack(
      parameters(roles, {
        agentKeys: {
          'story-teller': readKeystoreKey(chain.directory, 'agent-story-teller', 'op passphrase'),
        },
      }),
    )
    const [agent] = summary.agents
    expect(agent!.account).toBe(privateKeyToAddress(agentKey))
    // The demo caller's Safe delegates to the agent's own key.
    const allowance = await getAllowance(chain.connection, {
      module: summary.spendingLimitModule.address,
      safe: summary.demoCaller!.safe,
      delegate: privateKeyToAddress(agentKey),
      token: chain.manifest.contracts.OpenToken,
    })
    expect(allowance.amount).toBe(parseEther('10'))
  }, 180_000)
})

/** Fresh keys for the roles, funded here (a test's setup) from the genesis holders the devnet deployment made. */
async function fundedRoleKeys(): Promise<ProvisionAccounts> {
  const roles: ProvisionAccounts = {
    deployer: generatePrivateKey(),
    liquidity: generatePrivateKey(),
    funder: generatePrivateKey(),
    staker: generatePrivateKey(),
    curator: generatePrivateKey(),
    user: generatePrivateKey(),
  }
  const dev = (i: number) => privateKeyToAccount(chain.devnet.accounts[i]!.privateKey)
  const open = chain.manifest.contracts.OpenToken
  // The liquidity role wraps 500 ether into WETH for the pools.
  for (const [role, key] of Object.entries(roles))
    await topUpEther(chain.connection, {
      from: dev(0),
      role: 'test',
      to: privateKeyToAddress(key),
      target: parseEther(role === 'liquidity' ? '1000' : '100'),
    })
  const token = (from: number, key: `0x${string}`, amount: string) =>
    topUpToken(chain.connection, open, {
      from: dev(from),
      role: 'test',
      to: privateKeyToAddress(key),
      target: parseEther(amount),
    })
  await token(6, roles.liquidity, '3000000')
  await token(5, roles.funder, '10000')
  await token(3, roles.staker, '10000')
  return roles
}
