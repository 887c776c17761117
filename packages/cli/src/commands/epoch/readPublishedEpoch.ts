import { readFileSync } from 'node:fs'
import { type ParsedPublishedEpoch, publishedEpochFromJson } from '@openledger/settlement'
import { PublishedEpochFileError } from './errors.js'
import { fetchPublishedEpoch } from './fetchPublishedEpoch.js'

/**
 * An epoch's published receipts: from `file` (a copy of a gateway's `GET /v1/epochs/:epoch`, so anyone can
 * verify offline) when given, else from the gateway. The epoch they name must be `epoch`.
 */
export async function readPublishedEpoch(
  epoch: bigint,
  source: { file?: string; gateway: string },
): Promise<ParsedPublishedEpoch> {
  const published = source.file ? fromFile(source.file) : await fetchPublishedEpoch(source.gateway, epoch)
  if (published.epoch !== epoch)
    throw new PublishedEpochFileError(
      source.file ?? source.gateway,
      `holds epoch ${published.epoch}, not ${epoch}`,
    )
  return published
}

function fromFile(file: string): ParsedPublishedEpoch {
  let text: string
  try {
    text = readFileSync(file, 'utf8')
  } catch (error) {
    throw new PublishedEpochFileError(file, 'cannot be read', error)
  }
  let json: unknown
  try {
    json = JSON.parse(text)
  } catch (error) {
    throw new PublishedEpochFileError(file, 'is not JSON', error)
  }
  return publishedEpochFromJson(json)
}
