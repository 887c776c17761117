import { BaseError } from '@openledger/errors'
import type { Address, Hex } from 'viem'

export class InvalidMethodWeightsError extends BaseError {
  override name = 'InvalidMethodWeightsError'
  constructor(reason: string) {
    super(`Invalid attribution method weights: ${reason}.`, {
      metaMessages: ['Weights are finite numbers ≥ 0 keyed by span, retrieval or influence, not all 0.'],
    })
  }
}

export class InvalidMethodScoresError extends BaseError {
  override name = 'InvalidMethodScoresError'
  constructor(method: string, reason: string) {
    super(`Invalid ${method} scores: ${reason}.`)
  }
}

export class RowContributorConflictError extends BaseError {
  override name = 'RowContributorConflictError'
  constructor(datanetId: bigint, rowId: Hex, first: Address, second: Address) {
    super(`Row ${rowId} of datanet ${datanetId} is scored for two contributors: ${first} and ${second}.`, {
      metaMessages: ['A row has one contributor; the scorers disagree about the row table.'],
    })
  }
}
