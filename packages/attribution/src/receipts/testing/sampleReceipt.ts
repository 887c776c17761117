import { getAddress, type Hex, keccak256, pad, sha256, stringToHex, toHex } from 'viem'
import type { ReceiptV1, ReceiptV2 } from '../types.js'

/** A valid version 1 receipt for tests: three contributions over two contributors, two adapters. */
export function sampleReceipt(overrides: Partial<ReceiptV1> = {}): ReceiptV1 {
  const hash = (s: string): Hex => keccak256(stringToHex(s))
  const alice = getAddress(pad('0xa11ce', { size: 20 }))
  const bob = getAddress(pad('0xb0b', { size: 20 }))
  return {
    requestId: hash('request-1'),
    agentId: 'defi-assistant',
    adapters: [
      { id: 'defi-lora', sha256: hash('defi-lora weights') },
      { id: 'wallet-lora', sha256: hash('wallet-lora weights') },
    ],
    responseHash: hash('Swap 1 OPEN for 0.3 WETH on the devnet pool.'),
    fee: 10n ** 16n,
    payer: getAddress(pad('0xca11e4', { size: 20 })),
    timestamp: 1_760_000_000n,
    noEvidence: false,
    contributions: [
      {
        datanetId: 1n,
        rowId: pad(toHex(7), { size: 32 }),
        contributor: alice,
        weight: 5n * 10n ** 17n,
        method: 'span',
      },
      {
        datanetId: 1n,
        rowId: pad(toHex(9), { size: 32 }),
        contributor: bob,
        weight: 3n * 10n ** 17n,
        method: 'retrieval',
      },
      {
        datanetId: 2n,
        rowId: pad(toHex(1), { size: 32 }),
        contributor: alice,
        weight: 2n * 10n ** 17n,
        method: 'influence',
      },
    ],
    ...overrides,
  }
}

/**
 * A valid version 2 receipt for tests: `sampleReceipt`'s fields, charged as an answer on the devnet (chain
 * 31337) through a FeeRouter, by a base model whose weights hash to `sha256("base model weights")`.
 */
export function sampleReceiptV2(overrides: Partial<ReceiptV2> = {}): ReceiptV2 {
  return {
    ...sampleReceipt(),
    version: 2,
    chainId: 31_337n,
    feeRouter: getAddress(pad('0xfee', { size: 20 })),
    baseModel: sha256(stringToHex('base model weights')),
    kind: 'answer',
    ...overrides,
  }
}
