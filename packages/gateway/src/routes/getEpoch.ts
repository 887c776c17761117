import { HttpError } from '@openledger/http'
import { getPublishedEpoch } from '@openledger/settlement'
import type { Request, Response } from 'express'
import type { GatewayContext } from '../GatewayContext.js'

/** Epoch numbers are uint64 on FeeRouter; a path segment beyond that names no epoch. */
const MAX_EPOCH = 2n ** 64n - 1n
/** Final and vetoed epochs never change: the last few are kept serialised (one may hold 10,000 receipts). */
const CACHED = 8

/**
 * `GET /v1/epochs/:epoch`: a posted epoch's published receipts, public (no API key): `{ epoch, receiptsRoot,
 * status, receipts }` with `status` posted (its dispute window open, or not yet finalised), final or vetoed,
 * and `receipts` `[{ agentId, receipt }]` in receipt-id order. Anyone recomputes the epoch's `postEpoch` call from
 * it (`openledger epoch verify`). A 404 for an epoch not posted (or not a positive integer). The last few
 * final or vetoed epochs are answered from memory.
 */
export function getEpoch(context: GatewayContext) {
  const ledger = { chainId: context.connection.chainId, feeRouter: context.manifest.contracts.FeeRouter }
  const settled = new Map<bigint, string>()
  return async (request: Request, response: Response) => {
    const raw = String(request.params.epoch)
    const epoch = /^[1-9]\d{0,19}$/.test(raw) ? BigInt(raw) : undefined
    if (epoch === undefined || epoch > MAX_EPOCH)
      throw new HttpError(404, `No epoch "${raw}": epochs are numbered 1, 2, 3…`, { code: 'epoch_not_found' })
    const cached = settled.get(epoch)
    if (cached) {
      response.type('application/json').send(cached)
      return
    }
    const published = await getPublishedEpoch(context.store, ledger, epoch)
    if (!published)
      throw new HttpError(404, `Epoch ${epoch} has not been posted.`, { code: 'epoch_not_found' })
    const body = JSON.stringify({
      epoch: published.epoch.toString(),
      receiptsRoot: published.receiptsRoot,
      status: published.status,
      receipts: published.receipts,
    })
    if (published.status !== 'posted') {
      if (settled.size >= CACHED) settled.delete(settled.keys().next().value!)
      settled.set(epoch, body)
    }
    response.type('application/json').send(body)
  }
}
