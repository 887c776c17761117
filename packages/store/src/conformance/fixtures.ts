import { randomBytes } from 'node:crypto'
import type { Address, Hex, NewSafeTransaction } from '../types.js'

/** A fresh lowercase 32-byte hash, so suites can share a database without seeing each other's rows. */
export function randomHash(): Hex {
  return `0x${randomBytes(32).toString('hex')}`
}

/** A fresh address in mixed case (the store keeps addresses as given, like checksummed ones). */
export function randomAddress(): Address {
  const hex = randomBytes(20).toString('hex')
  return `0x${[...hex].map((char, index) => (index % 3 === 0 ? char.toUpperCase() : char)).join('')}`
}

/** A 65-byte ECDSA-shaped signature. */
export function randomSignature(): Hex {
  return `0x${randomBytes(65).toString('hex')}`
}

export const zeroAddress: Address = '0x0000000000000000000000000000000000000000'

/** A plain ETH transfer proposal on a fresh Safe; override any field. */
export function proposal(overrides: Partial<NewSafeTransaction> = {}): NewSafeTransaction {
  return {
    safeTxHash: randomHash(),
    chainId: 1612,
    safeAddress: randomAddress(),
    to: randomAddress(),
    value: 10n ** 18n,
    data: '0x',
    operation: 0,
    nonce: 0n,
    safeTxGas: 0n,
    baseGas: 0n,
    gasPrice: 0n,
    gasToken: zeroAddress,
    refundReceiver: zeroAddress,
    description: 'Pay the index build',
    proposer: randomAddress(),
    ...overrides,
  }
}
