import { listRows } from '@openledger/datanets'
import { HttpError } from '@openledger/http'
import type { FineTuneAdmission, FineTuneOwner, FineTunePayload } from '@openledger/model-factory'
import { type Address, formatEther, getAddress } from 'viem'
import { holdFee } from '../chat/holdFee.js'
import type { GatewayContext } from '../GatewayContext.js'
import { DEFAULT_MAX_FINE_TUNE_ROWS, type GatewayFineTunes } from './GatewayFineTunes.js'

/** A fine-tune's fee held for its payer, until its receipt is metered (completed) or it ends without one. */
export type FineTuneHold = { payer: Address; hold: symbol }

/**
 * Admits a valid fine-tune payload: its datanet must hold at most `maxRows` accepted rows (else a 422 naming
 * `datanet.datanetId` and the limit), and its payer must be able to pay `steps × feePerStep` (else the chat
 * route's 402, same codes and shape); that fee is held. The admission records the hold under the job's id once
 * queued, or releases it when the job was not queued.
 *
 * @example
 * const admission = await admitFineTune(context, fineTunes, holds, payload, owner)
 */
export async function admitFineTune(
  context: GatewayContext,
  fineTunes: GatewayFineTunes,
  holds: Map<string, FineTuneHold>,
  payload: FineTunePayload,
  owner: FineTuneOwner | undefined,
): Promise<FineTuneAdmission> {
  if (!owner?.payer) throw new HttpError(401, 'Fine-tunes need an API key.', { code: 'missing_api_key' })
  const maxRows = fineTunes.maxRows ?? DEFAULT_MAX_FINE_TUNE_ROWS
  const datanet = { ...payload.datanet, datanetId: BigInt(payload.datanet.datanetId) }
  const over = await listRows(context.store, { datanet, status: 'accepted', offset: maxRows, limit: 1 })
  if (over.length > 0)
    throw new HttpError(
      422,
      `Invalid fine-tune: datanet.datanetId ${payload.datanet.datanetId} has more than ${maxRows} accepted rows, the most a fine-tune may train on.`,
      { param: 'datanet.datanetId', code: 'too_many_rows' },
    )
  const payer = getAddress(owner.payer)
  const fee = BigInt(payload.steps) * fineTunes.feePerStep
  const hold = await holdFee({
    ...context,
    payer,
    fee,
    agentId: fineTunes.agentId.toString(),
    charges: `a fine-tune of ${payload.steps} steps costs ${formatEther(fee)} OPEN (${formatEther(fineTunes.feePerStep)} OPEN a step)`,
  }).catch((error: unknown) => {
    context.metrics.refusals.inc({ agent: 'fine-tune', reason: 'insufficient_balance' })
    throw error
  })
  return {
    queued: (jobId) => holds.set(jobId, { payer, hold }),
    dropped: () => context.reservations.release(payer, hold),
  }
}
