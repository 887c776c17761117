import { buildEpoch, receiptFromJson, receiptToJson, verifyReceipt } from '@openledger/attribution'
import type { Tokenizer } from '@openledger/lora-host'
import type { StoreSession } from '@openledger/store'
import { getAddress, keccak256, pad, toHex } from 'viem'
import { describe, expect, test } from 'vitest'
import { attributeRun } from './attributeRun.js'
import type { SpanCorpusCache } from './spanCorpora.js'

const tokenizer = {
  encode: (text: string) => [...text].map((c) => c.charCodeAt(0)),
  decode: (ids: readonly number[]) => String.fromCharCode(...ids),
} as unknown as Tokenizer
const feeRouter = getAddress(pad('0xfee', { size: 20 }))
const baseModel = keccak256(toHex('base model weights'))
const adapterSha256 = 'ab'.repeat(32)

describe('attributeRun', () => {
  test('issues a version 2 answer receipt bound to the chain, FeeRouter and base model', async () => {
    const attributed = await attributeRun({
      store: {} as StoreSession,
      tokenizer,
      corpora: {} as SpanCorpusCache,
      datanets: [],
      answer: 'Once upon a time',
      evidence: {
        generations: [
          { text: 'Once upon a time', adapter: { id: 'a0', sha256: adapterSha256 }, model: 'x:a0' },
        ],
        toolCalls: [],
        retrieval: [],
      },
      agentId: 3n,
      fee: 10n ** 16n,
      payer: getAddress(pad('0xca11e4', { size: 20 })),
      chainId: 31_337n,
      feeRouter,
      baseModel,
      requestId: 'req_1',
    })
    const { receipt, receiptId, attribution } = attributed
    expect(receipt).toMatchObject({ version: 2, kind: 'answer', chainId: 31_337n, feeRouter, baseModel })
    expect(receipt.adapters).toEqual([{ id: 'a0', sha256: `0x${adapterSha256}` }])
    expect(attribution).toMatchObject({ receiptId, kind: 'answer', chainId: '31337', feeRouter, baseModel })
    expect(receiptFromJson(receiptToJson(receipt))).toEqual(receipt)
    const epoch = buildEpoch({ epoch: 1n, receipts: [receipt], contributorShareBps: 4000 })
    expect(verifyReceipt(receipt, epoch.proofOf(receiptId), epoch.receiptsRoot)).toBe(true)
  })
})
