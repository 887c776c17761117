import { type ParsedPublishedEpoch, publishedEpochFromJson } from '@openledger/settlement'
import { PublishedEpochUnavailableError } from './errors.js'

/** An epoch's published receipts from a gateway (`GET /v1/epochs/:epoch`), parsed and checked. */
export async function fetchPublishedEpoch(gateway: string, epoch: bigint): Promise<ParsedPublishedEpoch> {
  const url = `${gateway.replace(/\/+$/, '')}/v1/epochs/${epoch}`
  const response = await fetch(url, { signal: AbortSignal.timeout(30_000) })
  if (!response.ok) throw new PublishedEpochUnavailableError(url, response.status)
  return publishedEpochFromJson(await response.json())
}
