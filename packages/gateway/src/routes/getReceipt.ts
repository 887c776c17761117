import { receiptToJson } from '@openledger/attribution'
import { HttpError } from '@openledger/http'
import { getReceiptStatus } from '@openledger/settlement'
import type { Request, Response } from 'express'
import type { Hex } from 'viem'
import type { GatewayContext } from '../GatewayContext.js'

/**
 * `GET /v1/receipts/:id`: the receipt (JSON), its status (`queued` until the settlement worker records it,
 * then `metered`, `built`, `sent`, `posted`, `final`, or `vetoed` while it waits for a later epoch; `unfunded`
 * for the first FeeRouter's leftovers), its epoch, and once posted the epoch's receipts root and the receipt's
 * Merkle proof against it (verify with `verifyReceipt`; the root is on-chain in `FeeRouter.epochOf`, and in
 * `receiptsRootOf` once final).
 */
export function getReceipt(context: GatewayContext) {
  const ledger = { chainId: context.connection.chainId, feeRouter: context.manifest.contracts.FeeRouter }
  return async (request: Request, response: Response) => {
    const id = String(request.params.id).toLowerCase()
    if (!/^0x[0-9a-f]{64}$/.test(id))
      throw new HttpError(404, `No receipt "${request.params.id}": receipt ids are 32-byte hex.`, {
        code: 'receipt_not_found',
      })
    const status = await getReceiptStatus(context.store, ledger, id as Hex)
    if (status) {
      context.queued.delete(id as Hex)
      response.json({
        id,
        object: 'receipt',
        status: status.status,
        agentId: status.agentId.toString(),
        epoch: status.epoch?.toString() ?? null,
        receipt: receiptToJson(status.receipt),
        receiptsRoot: status.receiptsRoot ?? null,
        root: status.receiptsRoot ?? null,
        proof: status.proof ?? null,
      })
      return
    }
    const queued = context.queued.get(id as Hex)
    if (!queued) throw new HttpError(404, `No receipt ${id}.`, { code: 'receipt_not_found' })
    response.json({
      id,
      object: 'receipt',
      status: 'queued',
      agentId: queued.agentId.toString(),
      epoch: null,
      receipt: receiptToJson(queued.receipt),
      receiptsRoot: null,
      root: null,
      proof: null,
    })
  }
}
