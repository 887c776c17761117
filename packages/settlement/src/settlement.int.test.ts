import { receiptId, receiptToJson, verifyReceipt } from '@openledger/attribution'
import { executeSafeTransaction, signSafeTransaction } from '@openledger/chain'
import { feeRouterAbi } from '@openledger/contracts'
import {
  AlreadyClaimedError,
  claimContributorReward,
  getPosition,
  proposeSetSplits,
} from '@openledger/staking'
import { openStore } from '@openledger/store'
import type { Queue } from 'bullmq'
import type { Address } from 'viem'
import { describe, expect, test } from 'vitest'
import { countPendingReceipts } from './ledger/countPendingReceipts.js'
import { getPayoutClaim } from './ledger/getPayoutClaim.js'
import { getPublishedEpoch } from './ledger/getPublishedEpoch.js'
import { getReceiptStatus } from './ledger/getReceiptStatus.js'
import { getSpendable } from './ledger/getSpendable.js'
import { listEpochs } from './ledger/listEpochs.js'
import { recordUsage } from './ledger/recordUsage.js'
import { enqueueUsage } from './queue/enqueueUsage.js'
import { settleNextEpoch } from './settle/settleNextEpoch.js'
import type { Settler } from './settle/types.js'
import {
  adapterCreatorOne,
  adapterCreatorTwo,
  alice,
  bob,
  CREATORS,
  scenarioReceipts,
} from './testing/settlementScenario.js'
import { useSettlementDevnet } from './testing/useSettlementDevnet.js'

const BPS = { contributors: 4000n, agentCreator: 2000n, adapterCreators: 1000n, stakers: 2000n }
const share = (fees: bigint, bps: bigint) => (fees * bps) / 10_000n
const sum = (values: Iterable<bigint>) => [...values].reduce((a, b) => a + b, 0n)

const t = useSettlementDevnet()

async function obliterate(queue: Queue) {
  await queue.obliterate({ force: true })
}

describe('settlement end to end (devnet, Redis, real contracts)', () => {
  test('100 receipts over 3 agents are posted in one transaction, finalised after the window with every party paid to the wei; a contributor claims once', async () => {
    const metered = scenarioReceipts(t.scenario, 100)
    const { treasury } = t.settler()
    const env = t.env
    const tracked = [
      treasury,
      alice,
      bob,
      adapterCreatorOne,
      adapterCreatorTwo,
      env.manifest.contracts.AgentStaking,
    ]
    const creators = CREATORS.map((i) => env.devnet.accounts[i]!.address)
    const before = new Map(
      await Promise.all([...tracked, ...creators].map(async (a) => [a, await t.token(a)] as const)),
    )
    const { usage, settleNow } = await t.start({ epochReceipts: 100 })
    for (const m of metered) await enqueueUsage(usage, m)
    // A retried request meters the same receipt again: the queue and the ledger keep one.
    for (const m of metered.slice(0, 10)) await enqueueUsage(usage, m)
    const posted = await t.until(
      () => t.events.find((e) => e.type === 'epoch-posted'),
      'the epoch to be posted',
    )
    expect(posted).toMatchObject({ epoch: 1n, receipts: 100, resumed: false })

    // One post; the charges are in escrow and nobody is paid before the window closes.
    const logs = await env.connection.publicClient.getContractEvents({
      address: env.manifest.contracts.FeeRouter,
      abi: feeRouterAbi,
      eventName: 'EpochPosted',
      fromBlock: 0n,
    })
    expect(logs).toHaveLength(1)
    expect(logs[0]!.transactionHash).toBe(posted.txHash)
    expect(logs[0]!.args.finalizesAt).toBe(posted.finalizesAt)
    for (const payer of t.scenario.payers) {
      const paid = sum(metered.filter((m) => m.receipt.payer === payer).map((m) => m.receipt.fee))
      expect(await t.prepaid(payer)).toBe(t.scenario.deposit - paid)
      expect(await getSpendable(t.store, t.ledger(), payer)).toMatchObject({
        balance: t.scenario.deposit - paid,
        unsettled: 0n,
      })
    }
    for (const a of tracked) expect(await t.token(a)).toBe(before.get(a))
    expect(await settleNow()).toBeNull() // its window is open: nothing to do
    const receipt = metered[42]!.receipt
    const pending = await getReceiptStatus(t.store, t.ledger(), receiptId(receipt))
    expect(pending).toMatchObject({ status: 'posted', epoch: 1n })
    expect(verifyReceipt(receipt, pending!.proof!, pending!.receiptsRoot!)).toBe(true)
    expect(await getPayoutClaim(t.store, t.ledger(), alice)).toEqual([])

    await t.passDisputeWindow()
    const step = await settleNow()
    expect(step).toMatchObject({ posted: undefined, finalized: [{ epoch: 1n, status: 'final' }] })
    expect(t.events.filter((e) => e.type === 'epoch-finalized')).toHaveLength(1)

    // The split, computed here from the receipts alone.
    const feesOf = (agent: number) =>
      sum(metered.filter((m) => m.agentId === t.scenario.agentIds[agent]).map((m) => m.receipt.fee))
    const fees = [feesOf(0), feesOf(1), feesOf(2)]
    const total = sum(fees)
    const pools = metered.map((m) => ({ m, pool: share(m.receipt.fee, BPS.contributors) }))
    const full = sum(pools.filter(({ m }) => m.receipt.contributions.length === 1).map((p) => p.pool))
    const halves = sum(pools.filter(({ m }) => m.receipt.contributions.length === 2).map((p) => p.pool))
    const expected = {
      alice: full + halves / 2n,
      bob: halves / 2n,
      creators: fees.map((f) => share(f, BPS.agentCreator)),
      adapterOne: share(fees[0]!, BPS.adapterCreators),
      adapterTwo: share(fees[1]!, BPS.adapterCreators),
      // All of agents 1 and 2's stake arrived during this first reward round: their stakers' shares go to the
      // treasury (AgentStaking pays a round's reward only to stake that was there for all of it).
      staking: 0n,
    }
    const contributorsPaid = expected.alice + expected.bob
    const treasuryGets =
      total -
      sum(expected.creators) -
      expected.adapterOne -
      expected.adapterTwo -
      expected.staking -
      contributorsPaid
    const gained = async (a: Address) => (await t.token(a)) - before.get(a)!
    for (const [i, creator] of creators.entries()) expect(await gained(creator)).toBe(expected.creators[i])
    expect(await gained(adapterCreatorOne)).toBe(expected.adapterOne)
    expect(await gained(adapterCreatorTwo)).toBe(expected.adapterTwo)
    expect(await gained(env.manifest.contracts.AgentStaking)).toBe(expected.staking)
    expect(await gained(treasury)).toBe(treasuryGets)
    // The treasury's part is at least its own 10%, every agent's stakers' and agent 3's adapter creators' shares.
    expect(
      treasuryGets >=
        share(total, 1000n) + sum(fees.map((f) => share(f, BPS.stakers))) + share(fees[2]!, 1000n),
    ).toBe(true)

    // A contributor claims its epoch with the ledger's proof, once.
    const [claim, ...others] = await getPayoutClaim(t.store, t.ledger(), alice, {
      connection: env.connection,
    })
    expect(others).toEqual([])
    expect(claim).toMatchObject({ epoch: 1n, amount: expected.alice })
    const claimer = t.account(3)
    const claimed = await claimContributorReward(env.connection, env.manifest.contracts, {
      account: claimer,
      beneficiary: alice,
      ...claim!,
    })
    expect(claimed.amount).toBe(expected.alice)
    expect(await gained(alice)).toBe(expected.alice)
    await expect(
      claimContributorReward(env.connection, env.manifest.contracts, {
        account: claimer,
        beneficiary: alice,
        ...claim!,
      }),
    ).rejects.toThrow(AlreadyClaimedError)
    expect(await gained(alice)).toBe(expected.alice)
    expect(await getPayoutClaim(t.store, t.ledger(), alice, { connection: env.connection })).toEqual([])

    // Any receipt proves against the final root on-chain, and the epoch's published receipts are its 100.
    const status = await getReceiptStatus(t.store, t.ledger(), receiptId(receipt))
    const onChain = await env.connection.publicClient.readContract({
      address: env.manifest.contracts.FeeRouter,
      abi: feeRouterAbi,
      functionName: 'receiptsRootOf',
      args: [1n],
    })
    expect(status).toMatchObject({ status: 'final', receiptsRoot: onChain })
    expect(verifyReceipt(receipt, status!.proof!, onChain)).toBe(true)
    const published = await getPublishedEpoch(t.store, t.ledger(), 1n)
    expect(published).toMatchObject({ status: 'final', receiptsRoot: onChain })
    expect(published!.receipts.map((r) => r.receipt.id).sort()).toEqual(
      metered.map((m) => receiptId(m.receipt)).sort(),
    )

    // Epoch 2: the stake has been there for the whole round, so stakers earn by stake: agent 1's creator
    // holds 100 of 400, staker 7 holds 300.
    const later = scenarioReceipts(t.scenario, 100, { salt: 2 })
    for (const m of later) await enqueueUsage(usage, m)
    await t.until(() => t.events.find((e) => e.type === 'epoch-posted' && e.epoch === 2n), 'epoch 2 posted')
    await t.passDisputeWindow()
    expect(await settleNow()).toMatchObject({ finalized: [{ epoch: 2n, status: 'final' }] })
    const fees2 = sum(later.filter((m) => m.agentId === t.scenario.agentIds[0]).map((m) => m.receipt.fee))
    const rewardOne = share(fees2, BPS.stakers)
    expect(rewardOne > 0n).toBe(true)
    for (const [staker, amount] of t.scenario.stakes.get(t.scenario.agentIds[0])!) {
      const { pendingReward } = await getPosition(env.connection, env.manifest.contracts, {
        agentId: t.scenario.agentIds[0],
        staker,
      })
      const exact = (rewardOne * amount) / 400_000_000_000_000_000_000n
      expect(exact - pendingReward <= 1n && pendingReward <= exact).toBe(true)
    }
    await obliterate(usage)
  })

  test('one epoch is pending at a time: receipts metered meanwhile wait, and go out when it is finalised', async () => {
    const settler = t.settler()
    const [first, second] = [scenarioReceipts(t.scenario, 6), scenarioReceipts(t.scenario, 4, { salt: 1 })]
    for (const m of first) await recordUsage(t.store, t.ledger(), m)
    expect((await settleNextEpoch(settler))?.posted).toMatchObject({ epoch: 1n, receiptCount: 6 })
    for (const m of second) await recordUsage(t.store, t.ledger(), m)
    expect(await settleNextEpoch(settler)).toBeUndefined()
    expect(await countPendingReceipts(t.store, t.ledger())).toBe(4)
    const payer = t.scenario.payers[0]!
    const owed = sum(second.filter((m) => m.receipt.payer === payer).map((m) => m.receipt.fee))
    expect((await getSpendable(t.store, t.ledger(), payer)).unsettled).toBe(owed)

    await t.passDisputeWindow()
    const step = await settleNextEpoch(settler)
    expect(step).toMatchObject({
      finalized: [{ epoch: 1n, status: 'final' }],
      posted: { epoch: 2n, status: 'posted', receiptCount: 4 },
      resumed: false,
    })
  })

  test('a bad usage job fails at once, saying what is wrong, and meters nothing', async () => {
    const { usage } = await t.start({ epochReceipts: 1_000 })
    const [good] = scenarioReceipts(t.scenario, 1)
    const json = { ...receiptToJson(good!.receipt) }
    await usage.add('usage', { receipt: json, agentId: '0' }, { jobId: json.id })
    await usage.add(
      'usage',
      { receipt: { ...json, fee: '-5', id: undefined }, agentId: '1' },
      { jobId: 'bad-fee' },
    )
    await usage.add('usage', { receipt: { ...json, id: undefined }, agentId: '1' }, { jobId: 'not-its-id' })
    const failures = await t.until(() => {
      const failed = t.events.filter((e) => e.type === 'usage-failed')
      return failed.length === 3 ? failed : undefined
    }, 'three failed jobs')
    const messages = Object.fromEntries(failures.map((f) => [f.jobId, f.error.message]))
    expect(messages[json.id]).toBe(`Invalid usage job ${json.id}: agentId a positive decimal integer.`)
    expect(messages['bad-fee']).toMatch(/^Invalid usage job bad-fee: Invalid receipt: fee /)
    expect(messages['not-its-id']).toBe(
      `Invalid usage job not-its-id: its id must be the receipt id ${json.id}.`,
    )
    for (const id of [json.id, 'bad-fee', 'not-its-id'])
      expect((await usage.getJob(id))?.attemptsMade).toBe(1)
    expect(await countPendingReceipts(t.store, t.ledger())).toBe(0)
    await obliterate(usage)
  })

  test('an epoch written under splits the Safe has since changed is planned again before it is sent', async () => {
    let stop = true
    const settler: Settler = t.settler({
      hooks: {
        afterEpochWritten: () => {
          if (stop) throw new Error('stopped after writing the epoch')
        },
      },
    })
    for (const m of scenarioReceipts(t.scenario, 9)) await recordUsage(t.store, t.ledger(), m)
    await expect(settleNextEpoch(settler)).rejects.toThrow('stopped after writing the epoch')
    const [written] = await listEpochs(t.store, t.ledger())
    expect(written).toMatchObject({ status: 'built', splits: { adapterCreators: 1000 } })

    const splits = {
      contributors: 3000,
      agentCreator: 2000,
      adapterCreators: 2000,
      stakers: 2000,
      treasury: 1000,
    }
    const env = t.env
    const safeStore = await openStore({ databaseUrl: ':memory:' })
    const key = (i: number) => env.devnet.accounts[i]!.privateKey
    const { safeTxHash } = await proposeSetSplits(env.connection, safeStore, {
      infrastructure: env.manifest.safe,
      safeAddress: env.manifest.treasurySafe.address,
      contracts: env.manifest.contracts,
      proposerKey: key(0),
      splits,
    })
    await signSafeTransaction(env.connection, safeStore, {
      infrastructure: env.manifest.safe,
      safeTxHash,
      signerKey: key(1),
    })
    await executeSafeTransaction(env.connection, safeStore, {
      infrastructure: env.manifest.safe,
      safeTxHash,
      executorKey: key(0),
    })
    await safeStore.close()

    stop = false
    const step = await settleNextEpoch(settler)
    expect(step).toMatchObject({ resumed: false, posted: { epoch: 1n, status: 'posted', splits } })
    expect(step!.posted!.call.adapterCreators).not.toEqual(written!.call.adapterCreators)
  })
})
