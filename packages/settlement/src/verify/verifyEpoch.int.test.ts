import { type ReceiptV2, receiptId } from '@openledger/attribution'
import { getSettlementState, getSettlerBond } from '@openledger/staking'
import { parseEther } from 'viem'
import { describe, expect, test } from 'vitest'
import { getPublishedEpoch } from '../ledger/getPublishedEpoch.js'
import { recordUsage } from '../ledger/recordUsage.js'
import { settleNextEpoch } from '../settle/settleNextEpoch.js'
import { postTamperedEpoch, TAMPERED_EXTRA } from '../testing/postTamperedEpoch.js'
import { adapterCreators, SETTLER, scenarioReceipts } from '../testing/settlementScenario.js'
import { useSettlementDevnet } from '../testing/useSettlementDevnet.js'
import { publishedEpochFromJson } from './publishedEpoch.js'
import { verifyEpoch } from './verifyEpoch.js'
import { watchEpochs } from './watchEpochs.js'

const t = useSettlementDevnet()

/** An epoch's receipts as the gateway serves them (`GET /v1/epochs/:epoch`), parsed as a verifier would. */
async function published(epoch: bigint) {
  const served = await getPublishedEpoch(t.store, t.ledger(), epoch)
  return publishedEpochFromJson(JSON.parse(JSON.stringify({ ...served, epoch: String(epoch) })))
}

const postTampered = (receipts: ReturnType<typeof scenarioReceipts>) =>
  postTamperedEpoch(t.env.connection, t.env.manifest.contracts, {
    settler: t.account(SETTLER),
    receipts,
    adapterCreators,
    treasury: t.settler().treasury,
  })

const verify = async (epoch: bigint, receipts: Awaited<ReturnType<typeof published>>['receipts']) =>
  verifyEpoch(t.env.connection, t.env.manifest.contracts, {
    epoch,
    receipts,
    treasury: t.settler().treasury,
    adapterCreators: async () => adapterCreators,
  })

describe('verifying posted epochs from their published receipts (devnet)', () => {
  test('an honest epoch matches; a tampered one names the overcharged payer, the moved fees, the extra payee and the swapped root', async () => {
    for (const m of scenarioReceipts(t.scenario, 12)) await recordUsage(t.store, t.ledger(), m)
    await settleNextEpoch(t.settler())
    const honest = await published(1n)
    expect(honest.receipts).toHaveLength(12)
    const result = await verify(1n, honest.receipts)
    expect(result).toMatchObject({ receiptCount: 12, differences: [] })
    expect(result.posted).toMatchObject({ epoch: 1n, status: 'pending', settler: t.account(SETTLER).address })

    await t.passDisputeWindow()
    await settleNextEpoch(t.settler()) // finalises epoch 1
    const receipts = scenarioReceipts(t.scenario, 6, { salt: 1 })
    const { epoch, victim } = await postTampered(receipts)
    const { differences } = await verify(epoch, receipts)
    const fields = differences.map((d) => `${d.field} ${d.key ?? ''}`.trim())
    expect(fields).toContain(`charge ${victim}`)
    expect(fields).toContain('payoutsRoot')
    expect(fields).toContain(`adapterCreator ${t.account(SETTLER).address}`)
    expect(fields.filter((f) => f.startsWith('agentFees'))).toHaveLength(1)
    const charge = differences.find((d) => d.field === 'charge')!
    expect(BigInt(charge.posted) - BigInt(charge.expected)).toBe(TAMPERED_EXTRA)

    // Published receipts that are not the ones posted do not hide it: the receipts root differs.
    const { differences: other } = await verify(epoch, scenarioReceipts(t.scenario, 6, { salt: 2 }))
    expect(other.map((d) => d.field)).toContain('receiptsRoot')
  })

  test('the watcher verifies each epoch in turn and, for a tampered one, has the Safe veto it inside the window', async () => {
    for (const m of scenarioReceipts(t.scenario, 6)) await recordUsage(t.store, t.ledger(), m)
    await settleNextEpoch(t.settler())
    await t.passDisputeWindow()
    await settleNextEpoch(t.settler())
    const tamperedReceipts = scenarioReceipts(t.scenario, 6, { salt: 3 })
    const { epoch } = await postTampered(tamperedReceipts)
    const bond = () =>
      getSettlerBond(t.env.connection, t.env.manifest.contracts, { settler: t.account(SETTLER).address })
    const bondBefore = await bond()

    const stop = new AbortController()
    const verified: { epoch: bigint; differences: number }[] = []
    await watchEpochs(t.env.connection, t.env.manifest.contracts, {
      treasury: t.settler().treasury,
      adapterCreators: async () => adapterCreators,
      fetchReceipts: async (n) => (n === epoch ? tamperedReceipts : (await published(n)).receipts),
      onVerified: ({ posted, differences }) => {
        verified.push({ epoch: posted.epoch, differences: differences.length })
      },
      onMismatch: async ({ posted }) => {
        await t.vetoThroughSafe(posted.epoch, parseEther('100'))
        stop.abort()
      },
      onError: (_, error) => {
        stop.abort()
        throw error
      },
      pollSeconds: 0.05,
      signal: stop.signal,
    })
    expect(verified).toEqual([
      { epoch: 1n, differences: 0 },
      { epoch, differences: expect.any(Number) },
    ])
    expect(verified[1]!.differences).toBeGreaterThan(0)
    const { record } = await getSettlementState(t.env.connection, t.env.manifest.contracts, { epoch })
    expect(record?.status).toBe('vetoed')
    expect(bondBefore - (await bond())).toBe(parseEther('100'))
  })

  test('version 1 receipts verify too, and a version 2 receipt committing to another FeeRouter is named', async () => {
    const v1 = scenarioReceipts(t.scenario, 6, { salt: 4 }).map(({ agentId, receipt }) => {
      const { version, chainId, feeRouter, baseModel, kind, ...fields } = receipt as ReceiptV2
      return { agentId, receipt: fields }
    })
    for (const m of v1) await recordUsage(t.store, t.ledger(), m)
    await settleNextEpoch(t.settler())
    const { receipts } = await published(1n)
    expect(receipts.every((m) => m.receipt.version === undefined)).toBe(true)
    expect((await verify(1n, receipts)).differences).toEqual([])

    const [first, ...rest] = scenarioReceipts(t.scenario, 3, { salt: 6 })
    const elsewhere = {
      ...first!,
      receipt: { ...(first!.receipt as ReceiptV2), feeRouter: t.env.manifest.contracts.OpenToken },
    }
    const { differences } = await verify(1n, [elsewhere, ...rest])
    expect(differences).toContainEqual({
      field: 'receipt',
      key: receiptId(elsewhere.receipt),
      posted: `${t.env.connection.chainId}/${t.env.manifest.contracts.OpenToken}`,
      expected: `${t.env.connection.chainId}/${t.env.manifest.contracts.FeeRouter}`,
    })
  })
})
