import { WEI_PER_OPEN } from '@openledger/contracts'
import { getAddress, type Hex, keccak256, pad, stringToHex, toHex } from 'viem'
import { expect, test } from 'vitest'
import { fuse } from '../fusion/fuse.js'
import { noInfluence } from '../influence/noInfluence.js'
import { receiptFromJson } from '../receipts/receiptFromJson.js'
import { receiptToJson } from '../receipts/receiptToJson.js'
import type { Receipt } from '../receipts/types.js'
import { scoreRetrieval } from '../retrieval/scoreRetrieval.js'
import { buildEpoch } from './buildEpoch.js'
import { verifyPayout } from './verifyPayout.js'
import { verifyReceipt } from './verifyReceipt.js'

test('evidence → fusion → receipt → epoch → verified receipt and payout', async () => {
  const alice = getAddress(pad('0xa11ce', { size: 20 }))
  const bob = getAddress(pad('0xb0b', { size: 20 }))
  const row = (n: number): Hex => pad(toHex(n), { size: 32 })
  const retrieval = scoreRetrieval([
    { datanetId: 1n, rowId: row(1), contributor: alice, similarity: 0.9, rank: 0, inPrompt: true },
    { datanetId: 1n, rowId: row(2), contributor: bob, similarity: 0.7, rank: 1, inPrompt: false },
  ])
  const span = {
    method: 'span' as const,
    rows: [{ datanetId: 1n, rowId: row(2), contributor: bob, score: 12 }],
  }
  const influence = await noInfluence.score({ answerTokens: [1, 2], adapters: ['defi'] })
  const fused = fuse([retrieval, span, influence], { span: 0.5, retrieval: 0.3, influence: 0.2 })
  if (!fused.evidence) throw new Error('expected evidence')

  const receipt: Receipt = {
    requestId: keccak256(stringToHex('req-1')),
    agentId: 'defi-assistant',
    adapters: [{ id: 'defi', sha256: keccak256(stringToHex('adapter')) }],
    responseHash: keccak256(stringToHex('answer')),
    fee: WEI_PER_OPEN,
    payer: getAddress(pad('0xca11e4', { size: 20 })),
    timestamp: 1_760_000_000n,
    noEvidence: false,
    contributions: fused.contributions,
  }
  const stored = JSON.stringify(receiptToJson(receipt))
  const epoch = buildEpoch({ epoch: 1n, receipts: [receipt], contributorShareBps: 4000 })
  const json = JSON.parse(stored)
  expect(verifyReceipt(receiptFromJson(json), epoch.proofOf(json.id), epoch.receiptsRoot)).toBe(true)

  const paid = [...epoch.amounts.values()].reduce((a, b) => a + b, 0n)
  expect(paid + epoch.treasuryRemainder).toBe(4n * 10n ** 17n)
  for (const { contributor } of fused.contributors) {
    const claim = epoch.payoutProofOf(contributor)
    expect(claim.amount).toBe(epoch.amounts.get(contributor))
    expect(verifyPayout(contributor, claim.amount, claim.proof, epoch.payoutsRoot)).toBe(true)
  }
})
