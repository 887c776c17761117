import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { receiptToJson } from '@openledger/attribution'
import {
  type ChainConnection,
  connectChain,
  type DevnetServer,
  type Manifest,
  manifestPath,
  readManifest,
  startDevnetServer,
} from '@openledger/chain'
import { openTokenAbi } from '@openledger/contracts'
import { registerAdapterLineage } from '@openledger/model-factory'
import { getPublishedEpoch, planSettlement, recordUsage, settlementSchema } from '@openledger/settlement'
import {
  adapterHash,
  alice,
  postTamperedEpoch,
  type Scenario,
  SETTLER,
  scenarioReceipts,
  setUpScenario,
} from '@openledger/settlement/testing'
import { getSettlementState } from '@openledger/staking'
import { openStore } from '@openledger/store'
import { type Address, getAddress, keccak256, parseEther, toHex } from 'viem'
import { privateKeyToAccount } from 'viem/accounts'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { expectOneLineError } from './testing/expectOneLineError.js'
import { passDisputeWindow } from './testing/passDisputeWindow.js'
import { runCli } from './testing/runCli.js'

let server: DevnetServer
let home: string
let env: Record<string, string>
let metered: ReturnType<typeof scenarioReceipts>
let scenario: Scenario
let adapterCreatorBefore: bigint
let balanceOf: (account: Address) => Promise<bigint>
let deployment: { connection: ChainConnection; manifest: Manifest }
const iso = '\\d{4}-\\d\\d-\\d\\dT[\\d:.]+Z'
const cli = (...args: string[]) => runCli(args, env)

beforeAll(async () => {
  server = await startDevnetServer()
  home = mkdtempSync(join(tmpdir(), 'openledger-settle-'))
  env = {
    OPENLEDGER_HOME: home,
    RPC_URL: server.url,
    REDIS_URL: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379',
  }
  expect((await cli('deploy')).code).toBe(0)
  const connection = await connectChain({ rpc: server.url })
  const manifest = readManifest(manifestPath(connection.chainId, home))
  deployment = { connection, manifest }
  balanceOf = (account) =>
    connection.publicClient.readContract({
      address: manifest.contracts.OpenToken,
      abi: openTokenAbi,
      functionName: 'balanceOf',
      args: [account],
    })
  scenario = await setUpScenario(connection, manifest, server.devnet.accounts)
  // Adapter "one" (agent one's) is registered in ModelRegistry by dev account 7: settle pays it the adapter share.
  const created = await cli('datanet', 'create', '--license', 'MIT', '--dev-account', '0')
  const datanetId = BigInt(/^Created datanet (\d+) /.exec(created.stdout)![1]!)
  await registerAdapterLineage(connection, manifest.contracts, {
    account: privateKeyToAccount(server.devnet.accounts[7]!.privateKey),
    adapterSha256: adapterHash('one'),
    baseModelSha256: keccak256(toHex('stories260K')),
    rowIds: [keccak256(toHex('row 1'))],
    datanetIds: [datanetId],
    uri: 'ipfs://adapter-one',
  })
  const store = await openStore({ directory: home, schemas: [settlementSchema] })
  const ledger = { chainId: connection.chainId, feeRouter: manifest.contracts.FeeRouter }
  metered = scenarioReceipts(scenario, 12)
  for (const m of metered) await recordUsage(store, ledger, m)
  await store.close()
  adapterCreatorBefore = await balanceOf(server.devnet.accounts[7]!.address)
})
afterAll(async () => {
  await server?.close()
  rmSync(home, { recursive: true, force: true })
})

describe('openledger settle and claim', () => {
  it('posts what the ledger holds with --once, finalises it once the window has passed, then finds nothing more', async () => {
    const posted = await cli('settle', '--once')
    expect(posted.stderr).toBe('')
    expect(posted.stdout).toMatch(
      new RegExp(
        `^Ledger reconciled with FeeRouter at epoch 0\\.\\nPosted epoch 1: 12 receipts, 12\\.000000000000000144 OPEN in 0x[0-9a-f]{64}; final from ${iso} unless the treasury Safe vetoes it\\.\\nEpoch 1 is pending until ${iso}; run \`openledger settle --once\` after then to finalise it and post the next\\.\\n$`,
      ),
    )
    // Nothing is paid while the epoch is pending.
    expect(await balanceOf(server.devnet.accounts[7]!.address)).toBe(adapterCreatorBefore)

    await passDisputeWindow(server, deployment)
    const finalized = await cli('settle', '--once')
    expect(finalized.stderr).toBe('')
    expect(finalized.stdout).toMatch(
      /^Ledger reconciled with FeeRouter at epoch 1\.\nFinalised epoch 1 in 0x[0-9a-f]{64}: its fees are paid and its contributors may claim\.\n$/,
    )
    // ModelRegistry names adapter one's creator: it gets agent one's whole adapter-creator pool (10%).
    const agentOneFees = metered
      .filter((m) => m.agentId === metered[0]!.agentId)
      .reduce((sum, m) => sum + m.receipt.fee, 0n)
    expect((await balanceOf(server.devnet.accounts[7]!.address)) - adapterCreatorBefore).toBe(
      agentOneFees / 10n,
    )
    const again = await cli('settle', '--once')
    expect(again.stdout).toMatch(/^Ledger reconciled with FeeRouter at epoch 1\.\nNothing to settle: /)
  })

  it("claims a contributor's final epochs once, for the contributor, signed by anyone", async () => {
    const before = await balanceOf(alice)
    const claimed = await cli('claim', '--account', alice, '--dev-account', '3')
    expect(claimed.stderr).toBe('')
    const [, amount] = new RegExp(
      `^Claimed (\\d+\\.\\d+) OPEN for ${alice} in 0x[0-9a-f]{64} \\(epoch 1\\)\\.\\n$`,
    ).exec(claimed.stdout)!
    expect(await balanceOf(alice)).toBe(before + parseEther(amount!))
    expect((await cli('claim', '--account', alice, '--dev-account', '3')).stdout).toBe(
      `${alice} has nothing to claim: no final epoch pays it that it has not claimed.\n`,
    )
    const nobody = getAddress(keccak256(toHex('nobody')).slice(0, 42))
    expect((await cli('claim', '--account', nobody, '--dev-account', '3')).stdout).toBe(
      `${nobody} has nothing to claim: no final epoch pays it that it has not claimed.\n`,
    )
  })

  it('says so in one line when Redis does not answer', async () => {
    const result = await runCli(['settle'], { ...env, REDIS_URL: 'redis://127.0.0.1:1' })
    expectOneLineError(
      result,
      /^error: Redis does not answer at redis:\/\/127\.0\.0\.1:1; settlement queues need it\.$/,
    )
  })
})

describe('openledger epoch verify and veto', () => {
  const saved = (name: string, published: object) => {
    const file = join(home, name)
    writeFileSync(file, JSON.stringify(published))
    return file
  }

  it('verifies an honest epoch from a saved copy of its published receipts', async () => {
    const store = await openStore({ directory: home, schemas: [settlementSchema] })
    const ledger = {
      chainId: deployment.connection.chainId,
      feeRouter: deployment.manifest.contracts.FeeRouter,
    }
    const published = await getPublishedEpoch(store, ledger, 1n)
    await store.close()
    const file = saved('epoch-1.json', { ...published, epoch: '1' })
    const verified = await cli('epoch', 'verify', '1', '--receipts', file)
    expect(verified.stderr).toBe('')
    expect(verified.code).toBe(0)
    expect(verified.stdout).toMatch(
      /^Epoch 1 \(final, posted by 0x[0-9a-fA-F]{40} in 0x[0-9a-f]{64}\) matches its 12 published receipts\.\n$/,
    )
    expect((await cli('epoch', 'verify', '2', '--receipts', file)).stderr).toMatch(
      /^error: The published receipts at .* holds epoch 1, not 2\.$/m,
    )
  })

  it("names each difference of a malicious settler's epoch and has the Safe veto it", async () => {
    const { connection, manifest } = deployment
    const receipts = scenarioReceipts(scenario, 6, { salt: 5 })
    const settler = privateKeyToAccount(server.devnet.accounts[SETTLER]!.privateKey)
    const treasury = manifest.treasurySafe.address
    const { epoch, victim } = await postTamperedEpoch(connection, manifest.contracts, {
      settler,
      receipts,
      adapterCreators: new Map(),
      treasury,
    })
    const { splits } = await getSettlementState(connection, manifest.contracts)
    const { call } = planSettlement({ epoch, receipts, splits, adapterCreators: new Map(), treasury })
    const file = saved('epoch-2.json', {
      epoch: String(epoch),
      receiptsRoot: call.receiptsRoot,
      status: 'posted',
      receipts: receipts.map((m) => ({ agentId: String(m.agentId), receipt: receiptToJson(m.receipt) })),
    })
    const verified = await cli('epoch', 'verify', String(epoch), '--receipts', file)
    expect(verified.code).not.toBe(0)
    expect(verified.stdout).toContain(`Epoch ${epoch} (pending, posted by ${settler.address}`)
    expect(verified.stdout).toContain('does NOT match its 6 published receipts:')
    expect(verified.stdout).toMatch(new RegExp(`  charge ${victim}: posted \\d+, receipts give \\d+\\n`))
    expect(verified.stdout).toContain('  payoutsRoot: posted 0xabab')
    expect(verified.stderr).toMatch(
      /^error: Epoch 2 does not match its published receipts: \d+ difference\(s\), listed above\.$/m,
    )

    const proposed = await cli('epoch', 'veto', String(epoch), '--dev-account', '0', '--slash', '100')
    expect(proposed.stderr).toBe('')
    const [, safeTxHash] =
      /^Proposed (0x[0-9a-f]{64}) \(nonce \d+\), vetoing epoch 2 and slashing up to 100(\.0+)? OPEN; signed 1 of 2\.$/m.exec(
        proposed.stdout,
      ) ?? []
    expect(safeTxHash).toBeDefined()
    expect((await cli('safe', 'sign', safeTxHash!, '--dev-account', '1')).code).toBe(0)
    expect((await cli('safe', 'execute', safeTxHash!, '--dev-account', '0')).code).toBe(0)
    const { record } = await getSettlementState(connection, manifest.contracts, { epoch })
    expect(record?.status).toBe('vetoed')
  })
})
