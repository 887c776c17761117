import { compareRows } from '../fusion/compareRows.js'
import { SHARE_SCALE } from '../fusion/types.js'
import { InvalidReceiptError } from './errors.js'
import { bytes32, checksummed, uint } from './fieldChecks.js'
import type { ReceiptContribution, ReceiptFields } from './types.js'

const UINT256 = 2n ** 256n
const UINT64 = 2n ** 64n

/** The canonical form of the fields every receipt version has (see `canonicalReceipt`). */
export function canonicalFields(receipt: ReceiptFields): ReceiptFields {
  const requestId = bytes32('requestId', receipt.requestId)
  if (typeof receipt.agentId !== 'string' || receipt.agentId.length === 0)
    throw new InvalidReceiptError('agentId', 'must be a non-empty string')
  const adapters = canonicalAdapters(receipt.adapters)
  const responseHash = bytes32('responseHash', receipt.responseHash)
  const fee = uint('fee', receipt.fee, UINT256)
  const payer = checksummed('payer', receipt.payer)
  const timestamp = uint('timestamp', receipt.timestamp, UINT64)
  if (typeof receipt.noEvidence !== 'boolean')
    throw new InvalidReceiptError('noEvidence', 'must be a boolean')
  const contributions = canonicalContributions(receipt.contributions)
  const total = contributions.reduce((sum, c) => sum + c.weight, 0n)
  if (receipt.noEvidence && contributions.length > 0)
    throw new InvalidReceiptError('contributions', 'must be empty when noEvidence is true')
  if (!receipt.noEvidence && total !== SHARE_SCALE)
    throw new InvalidReceiptError(
      'contributions',
      `weights sum to ${total}, not 1e18 (set noEvidence when there are none)`,
    )
  return {
    requestId,
    agentId: receipt.agentId,
    adapters,
    responseHash,
    fee,
    payer,
    timestamp,
    noEvidence: receipt.noEvidence,
    contributions,
  }
}

function canonicalAdapters(value: ReceiptFields['adapters']): ReceiptFields['adapters'] {
  if (!Array.isArray(value)) throw new InvalidReceiptError('adapters', 'must be an array')
  const adapters = value
    .map((adapter, i) => {
      if (typeof adapter.id !== 'string' || adapter.id.length === 0)
        throw new InvalidReceiptError(`adapters.${i}.id`, 'must be a non-empty string')
      return { id: adapter.id, sha256: bytes32(`adapters.${i}.sha256`, adapter.sha256) }
    })
    .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
  for (let i = 1; i < adapters.length; i++)
    if (adapters[i]!.id === adapters[i - 1]!.id)
      throw new InvalidReceiptError('adapters', `name adapter ${adapters[i]!.id} twice`)
  return adapters
}

function canonicalContributions(value: ReceiptContribution[]): ReceiptContribution[] {
  if (!Array.isArray(value)) throw new InvalidReceiptError('contributions', 'must be an array')
  const contributions = value.map((c, i): ReceiptContribution => {
    const at = `contributions.${i}`
    const weight = uint(`${at}.weight`, c.weight, SHARE_SCALE + 1n)
    if (weight === 0n) throw new InvalidReceiptError(`${at}.weight`, 'is 0; leave such rows out')
    if (typeof c.method !== 'string' || c.method.length === 0)
      throw new InvalidReceiptError(`${at}.method`, 'must be a non-empty string')
    return {
      datanetId: uint(`${at}.datanetId`, c.datanetId, UINT256),
      rowId: bytes32(`${at}.rowId`, c.rowId),
      contributor: checksummed(`${at}.contributor`, c.contributor),
      weight,
      method: c.method,
    }
  })
  contributions.sort((a, b) => compareRows(a, b) || (a.method < b.method ? -1 : a.method > b.method ? 1 : 0))
  for (let i = 1; i < contributions.length; i++) {
    const [a, b] = [contributions[i - 1]!, contributions[i]!]
    if (compareRows(a, b) === 0 && a.method === b.method)
      throw new InvalidReceiptError(
        'contributions',
        `name row ${b.rowId} of datanet ${b.datanetId} twice for ${b.method}`,
      )
  }
  return contributions
}
