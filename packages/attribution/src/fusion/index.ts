export { compareHex } from './compareHex.js'
export { compareRows } from './compareRows.js'
export { InvalidMethodScoresError, InvalidMethodWeightsError, RowContributorConflictError } from './errors.js'
export {
  type FusedContribution,
  type FuseOptions,
  type FuseReturnType,
  fuse,
} from './fuse.js'
export { largestRemainder } from './largestRemainder.js'
export { resolveMethodWeights } from './resolveMethodWeights.js'
export { type FusedRow, splitShares } from './splitShares.js'
export {
  type AttributionMethod,
  attributionMethods,
  type MethodScores,
  type ScoredRow,
  SHARE_SCALE,
} from './types.js'
