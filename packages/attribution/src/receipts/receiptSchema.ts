import { type Address, getAddress, type Hex, isAddress } from 'viem'
import { z } from 'zod'

const bytes32 = z
  .string()
  .regex(/^0x[0-9a-fA-F]{64}$/, 'not 32 bytes of hex')
  .transform((s) => s.toLowerCase() as Hex)
const address = z
  .string()
  .refine((s) => isAddress(s, { strict: false }), 'not an address')
  .transform((s): Address => getAddress(s))
const uint = z
  .string()
  .regex(/^(0|[1-9][0-9]*)$/, 'not a decimal integer string')
  .transform((s) => BigInt(s))

/**
 * A receipt as JSON (HTTP bodies, the store): bigints as decimal strings, plus the optional `id` it claims.
 * Parsing gives the fields of a `Receipt`; `receiptFromJson` also checks the receipt's rules and its id.
 *
 * @example
 * const parsed = receiptSchema.safeParse(await response.json())
 */
export const receiptSchema = z.object({
  id: bytes32.optional(),
  requestId: bytes32,
  agentId: z.string().min(1),
  adapters: z.array(z.object({ id: z.string().min(1), sha256: bytes32 })),
  responseHash: bytes32,
  fee: uint,
  payer: address,
  timestamp: uint,
  noEvidence: z.boolean(),
  contributions: z.array(
    z.object({
      datanetId: uint,
      rowId: bytes32,
      contributor: address,
      weight: uint,
      method: z.string().min(1),
    }),
  ),
})

/** The JSON form of a receipt, as `receiptToJson` writes it. */
export type ReceiptJson = {
  id: Hex
  requestId: Hex
  agentId: string
  adapters: { id: string; sha256: Hex }[]
  responseHash: Hex
  fee: string
  payer: Address
  timestamp: string
  noEvidence: boolean
  contributions: { datanetId: string; rowId: Hex; contributor: Address; weight: string; method: string }[]
}
