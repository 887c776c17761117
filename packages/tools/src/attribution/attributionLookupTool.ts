import { tool } from '@langchain/core/tools'
import { type ReceiptStatus, receiptToJson } from '@openledger/attribution'
import { shortMessageOf } from '@openledger/errors'
import { formatEther, type Hex, isHex } from 'viem'
import { z } from 'zod'

export type AttributionLookupToolParameters = {
  /**
   * Reads a receipt by id from the ledger, undefined for an unknown one. Injected by whoever builds the tool
   * (tools never depend on settlement): `(id) => getReceiptStatus(store, { chainId, feeRouter }, id)`.
   */
  getReceiptStatus: (receiptId: Hex) => Promise<ReceiptStatus | undefined>
}

/** A contributor's share of one answer, summed over its rows and methods. */
export type AttributionContributor = { contributor: string; weight: string; share: string }

const schema = z.object({
  receiptId: z.string().describe('The receipt id: 0x and 64 hex digits, as the answer carried it'),
})

/**
 * A LangChain tool, `attribution_lookup`: a Proof-of-Attribution receipt by id from the settlement ledger,
 * with where it stands (`metered`, `built`, `sent`, `posted`, `final`, `vetoed`, `unfunded`), its contributors
 * (weights summed per address, 1e18 = the whole answer, and as a share like `0.25`), its rows with their
 * methods, and once its epoch is final its receipts root and Merkle proof. JSON; `{ error: { code, message } }` for a malformed
 * id (`INVALID_INPUT`), an unknown one (`UNKNOWN_RECEIPT`) or a failed lookup (`STORE_ERROR`), never thrown.
 *
 * @example
 * import { getReceiptStatus } from '@openledger/settlement'
 * const ledger = { chainId, feeRouter }
 * const lookup = attributionLookupTool({ getReceiptStatus: (id) => getReceiptStatus(store, ledger, id) })
 * JSON.parse(await lookup.invoke({ receiptId })).contributors
 */
export function attributionLookupTool({ getReceiptStatus }: AttributionLookupToolParameters) {
  return tool(
    async (input) => {
      const receiptId = typeof input.receiptId === 'string' ? input.receiptId.trim() : ''
      if (!isHex(receiptId, { strict: true }) || receiptId.length !== 66)
        return failure('INVALID_INPUT', `receiptId must be 0x and 64 hex digits, got '${input.receiptId}'`)
      try {
        const status = await getReceiptStatus(receiptId as Hex)
        if (!status) return failure('UNKNOWN_RECEIPT', `no receipt ${receiptId} in this ledger`)
        const receipt = receiptToJson(status.receipt)
        return JSON.stringify({
          receiptId: receipt.id,
          agentId: status.agentId.toString(),
          status: status.status,
          epoch: status.epoch?.toString() ?? null,
          fee: { raw: receipt.fee, formatted: formatEther(BigInt(receipt.fee)), symbol: 'OPEN' },
          payer: receipt.payer,
          adapters: receipt.adapters,
          noEvidence: receipt.noEvidence,
          contributors: contributorsOf(receipt.contributions),
          rows: receipt.contributions,
          ...(status.proof ? { receiptsRoot: status.receiptsRoot, proof: status.proof } : {}),
        })
      } catch (error) {
        return failure('STORE_ERROR', shortMessageOf(error))
      }
    },
    {
      name: 'attribution_lookup',
      description:
        'Looks up the Proof-of-Attribution receipt of an answer by id: which datanet rows and contributors it credits, and whether its fee is settled on-chain (final, with a Merkle proof).',
      schema,
    },
  )
}

function contributorsOf(rows: readonly { contributor: string; weight: string }[]): AttributionContributor[] {
  const totals = new Map<string, bigint>()
  for (const { contributor, weight } of rows)
    totals.set(contributor, (totals.get(contributor) ?? 0n) + BigInt(weight))
  return [...totals]
    .sort(([, a], [, b]) => (a === b ? 0 : a > b ? -1 : 1))
    .map(([contributor, weight]) => ({ contributor, weight: weight.toString(), share: formatEther(weight) }))
}

const failure = (code: string, message: string) => JSON.stringify({ error: { code, message } })
