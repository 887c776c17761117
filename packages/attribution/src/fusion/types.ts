import type { Address, Hex } from 'viem'

/** The ways a response is attributed to Datanet rows. */
export type AttributionMethod = 'span' | 'retrieval' | 'influence'

/** Every method, in canonical order (the order that breaks ties between methods). */
export const attributionMethods: readonly AttributionMethod[] = ['span', 'retrieval', 'influence']

/** One Datanet row and how strongly a method ties the response to it. */
export type ScoredRow = {
  datanetId: bigint
  /** The row id, 32 bytes. */
  rowId: Hex
  contributor: Address
  /** Non-negative and finite; only ratios within one method matter, the scale is the scorer's own. */
  score: number
}

/** What a scorer returns; a scorer that found nothing returns `rows: []`. */
export type MethodScores = {
  method: AttributionMethod
  rows: ScoredRow[]
}

/** The fixed-point scale of shares and weights: 1e18 is the whole response. */
export const SHARE_SCALE = 10n ** 18n
