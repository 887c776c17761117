import { type Address, getAddress, type Hex, isAddress } from 'viem'
import { z } from 'zod'
import { type ReceiptKind, receiptKinds } from './types.js'

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

const fields = {
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
}

const v2Only = { chainId: uint, feeRouter: address, baseModel: bytes32, kind: z.enum(receiptKinds) }

/** A version 1 receipt as JSON: no `version` key (or `version: 1`), and none of version 2's fields. */
const notInV1 = z.never({ error: 'a version 2 field in a receipt without version 2' }).optional()
const receiptV1Schema = z.object({
  version: z.literal(1).optional(),
  ...fields,
  ...Object.fromEntries(Object.keys(v2Only).map((key) => [key, notInV1])),
})

const receiptV2Schema = z.object({ version: z.literal(2), ...v2Only, ...fields })

/**
 * A receipt as JSON (HTTP bodies, the store), version 1 or 2 by its `version` key (absent in version 1):
 * bigints as decimal strings, plus the optional `id` it claims. Parsing gives the fields of a `Receipt`;
 * `receiptFromJson` also checks the receipt's rules and its id.
 *
 * @example
 * const parsed = receiptSchema.safeParse(await response.json())
 */
export const receiptSchema = z.discriminatedUnion('version', [receiptV1Schema, receiptV2Schema], {
  error: 'expected 2, or 1 (or no version) for a version 1 receipt',
})

type ReceiptFieldsJson = {
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

/** A version 1 receipt's JSON, as `receiptToJson` writes it (no `version` key, as version 1 was written). */
export type ReceiptV1Json = ReceiptFieldsJson

/** A version 2 receipt's JSON, as `receiptToJson` writes it. */
export type ReceiptV2Json = ReceiptFieldsJson & {
  version: 2
  chainId: string
  feeRouter: Address
  baseModel: Hex
  kind: ReceiptKind
}

/** The JSON form of a receipt, as `receiptToJson` writes it. */
export type ReceiptJson = ReceiptV1Json | ReceiptV2Json
