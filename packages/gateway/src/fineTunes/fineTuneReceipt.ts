import type { ReceiptContribution, ReceiptV2 } from '@openledger/attribution'
import { getRow } from '@openledger/datanets'
import type { FineTuneJobResult } from '@openledger/model-factory'
import type { StoreSession } from '@openledger/store'
import { type Address, getAddress, type Hex, keccak256, toHex } from 'viem'

const WHOLE = 10n ** 18n

export type FineTuneReceiptParameters = {
  store: StoreSession
  /** The job's id in its queue, and the queue's key prefix: together they name the job once. */
  jobId: string
  queuePrefix: string
  result: FineTuneJobResult
  payer: Address
  agentId: bigint
  feePerStep: bigint
  chainId: bigint
  feeRouter: Address
  baseModel: Hex
  /** When the job finished, ms since the epoch. */
  finishedAt: number
}

/**
 * The version 2 receipt (kind `fine-tune`) of a completed fine-tune: charged `stepsRun × feePerStep`, for the
 * adapter it delivered (its sha256 is the response), crediting the rows it trained on in equal shares. Built
 * from the job alone, so metering it twice gives the same receipt (and the same id): the usage queue takes it once.
 *
 * @example
 * const receipt = await fineTuneReceipt({ store, jobId, queuePrefix: 'openledger', result, payer, agentId,
 *   feePerStep, chainId: 31337n, feeRouter, baseModel, finishedAt: job.finishedOn })
 */
export async function fineTuneReceipt(parameters: FineTuneReceiptParameters): Promise<ReceiptV2> {
  const { result, chainId, feeRouter } = parameters
  const adapterSha256 = (
    result.adapterSha256.startsWith('0x') ? result.adapterSha256 : `0x${result.adapterSha256}`
  ) as Hex
  const contributions = await contributionsOf(parameters.store, [...new Set(result.rowIds)] as Hex[])
  return {
    version: 2,
    chainId,
    feeRouter: getAddress(feeRouter),
    kind: 'fine-tune',
    requestId: keccak256(
      toHex(`fine-tune:${chainId}:${feeRouter}:${parameters.queuePrefix}:${parameters.jobId}`),
    ),
    agentId: parameters.agentId.toString(),
    baseModel: parameters.baseModel,
    adapters: [{ id: adapterIdOf(result.adapterDir), sha256: adapterSha256 }],
    responseHash: keccak256(adapterSha256),
    fee: BigInt(result.stepsRun) * parameters.feePerStep,
    payer: getAddress(parameters.payer),
    timestamp: BigInt(Math.floor(parameters.finishedAt / 1000)),
    noEvidence: contributions.length === 0,
    contributions,
  }
}

/** Each trained row an equal share of 1e18; the rounding remainder goes to the first, so they sum exactly. */
async function contributionsOf(store: StoreSession, rowIds: Hex[]): Promise<ReceiptContribution[]> {
  if (rowIds.length === 0) return []
  const share = WHOLE / BigInt(rowIds.length)
  const rows = await Promise.all(rowIds.map((rowId) => getRow(store, rowId)))
  return rows.map((row, i) => ({
    datanetId: row.datanet.datanetId,
    rowId: row.rowId,
    contributor: row.contributor,
    weight: i === 0 ? share + (WHOLE - share * BigInt(rowIds.length)) : share,
    method: 'fine-tune',
  }))
}

/** The adapter's folder name (the last part of its path). */
function adapterIdOf(dir: string): string {
  return dir.split(/[\\/]/).filter(Boolean).at(-1) ?? dir
}
