import { getAddress, type Hex, keccak256, pad, stringToHex, toHex } from 'viem'
import type { Receipt } from '../types.js'

/** A valid receipt for tests: three contributions over two contributors, two adapters. */
export function sampleReceipt(overrides: Partial<Receipt> = {}): Receipt {
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
