import type { StoreSession } from '@openledger/store'
import { getAddress } from 'viem'
import { expect, test } from 'vitest'
import { Reservations } from './Reservations.js'

const payer = getAddress('0x70997970c51812dc3a010c7d01b50e0d17dc79c8')

test('tryHold never lets held fees exceed what the payer may spend; release frees them', () => {
  const reservations = new Reservations({} as StoreSession)
  const first = reservations.tryHold(payer, 10n, 25n)
  const second = reservations.tryHold(payer, 10n, 25n)
  expect('key' in first && 'key' in second).toBe(true)
  expect(reservations.tryHold(payer, 10n, 25n)).toEqual({ left: 5n })
  reservations.release(payer, (first as { key: symbol }).key)
  expect('key' in reservations.tryHold(payer, 10n, 25n)).toBe(true)
  expect(reservations.tryHold(payer, 1n, 0n)).toEqual({ left: 0n })
})
