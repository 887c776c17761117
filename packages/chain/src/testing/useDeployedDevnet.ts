import { openTokenAbi } from '@openledger/contracts'
import { openStore } from '@openledger/store'
import { type Address, createTestClient, custom, getContract, type Hex, type TransactionReceipt } from 'viem'
import { privateKeyToAccount } from 'viem/accounts'
import { afterAll, afterEach, beforeAll, beforeEach, expect } from 'vitest'
import { waitForReceipt } from '../calls/waitForReceipt.js'
import { executeSafeTransaction } from '../safe/executeSafeTransaction.js'
import { proposeSafeTransaction } from '../safe/proposeSafeTransaction.js'
import { signSafeTransaction } from '../safe/signSafeTransaction.js'
import { type DeployedDevnet, deployedDevnet } from './deployedDevnet.js'

const testClientOf = (e: DeployedDevnet) =>
  createTestClient({ mode: 'hardhat', transport: custom(e.devnet), chain: e.connection.chain })

export type DeployedDevnetHooks = ReturnType<typeof useDeployedDevnet>

/**
 * For contract tests: registers vitest hooks giving the file one devnet with the protocol deployed, running
 * `setup` once after deployment, and every test inside an EVM snapshot that is reverted afterwards. Returns
 * accessors by dev-account index.
 *
 * @example
 * const devnet = useDeployedDevnet(async ({ tokenAs, address, mined }) => {
 *   await mined(tokenAs(3).write.transfer([address(8), 10n ** 21n]))
 * })
 */
export function useDeployedDevnet(setup?: (hooks: DeployedDevnetHooks) => Promise<void>) {
  let env: DeployedDevnet
  let testClient: ReturnType<typeof testClientOf>
  let snapshot: Hex
  const account = (i: number) => privateKeyToAccount(env.devnet.accounts[i]!.privateKey)
  const address = (i: number) => env.devnet.accounts[i]!.address
  const clientOf = (i: number) => ({
    public: env.connection.publicClient,
    wallet: env.connection.walletClient(account(i)),
  })
  const tokenAs = (i: number) =>
    getContract({ address: env.manifest.contracts.OpenToken, abi: openTokenAbi, client: clientOf(i) })
  /** Waits for a sent transaction and asserts it succeeded (a revert throws `ContractCallRevertedError`). */
  async function mined(hash: Promise<Hex>): Promise<TransactionReceipt> {
    const receipt = await waitForReceipt(env.connection, { hash: await hash })
    expect(receipt.status).toBe('success')
    return receipt
  }
  /** Executes one call from the treasury Safe: proposed by owner 0, signed by owner 1, executed by owner 0. */
  async function asSafe(to: Address, data: Hex): Promise<TransactionReceipt> {
    const { connection, manifest } = env
    const key = (i: number) => env.devnet.accounts[i]!.privateKey
    const infrastructure = manifest.safe
    // A fresh store per call: nonces come from the chain, which the snapshots rewind.
    const store = await openStore({ databaseUrl: ':memory:' })
    try {
      const { safeTxHash } = await proposeSafeTransaction(connection, store, {
        infrastructure,
        safeAddress: manifest.treasurySafe.address,
        proposerKey: key(0),
        calls: [{ to, data }],
      })
      await signSafeTransaction(connection, store, { infrastructure, safeTxHash, signerKey: key(1) })
      const { txHash } = await executeSafeTransaction(connection, store, {
        infrastructure,
        safeTxHash,
        executorKey: key(0),
      })
      return await waitForReceipt(connection, { hash: txHash })
    } finally {
      await store.close()
    }
  }
  const hooks = {
    get env() {
      return env
    },
    get testClient() {
      return testClient
    },
    account,
    address,
    clientOf,
    tokenAs,
    mined,
    asSafe,
  }
  beforeAll(async () => {
    env = await deployedDevnet()
    testClient = testClientOf(env)
    await setup?.(hooks)
  })
  afterAll(() => env?.cleanup())
  beforeEach(async () => {
    snapshot = await testClient.snapshot()
  })
  afterEach(async () => {
    await testClient.revert({ id: snapshot })
  })
  return hooks
}
