export {
  type ComputeInfluenceFeaturesParameters,
  computeInfluenceFeatures,
} from './computeInfluenceFeatures.js'
export { type CreateInfluenceScorerParameters, createInfluenceScorer } from './createInfluenceScorer.js'
export { InfluenceInputError } from './errors.js'
export { contributorOf as factsContributorOf, FACTS, factsTask } from './factsTask.js'
export { featureOf, type InfluenceFeatures, type InfluenceRow } from './InfluenceFeatures.js'
export {
  hasInfluenceFeatures,
  InfluenceFilesError,
  readInfluenceFeatures,
  writeInfluenceFeatures,
} from './influenceFiles.js'
export { flattenGradients, projectGradients } from './projectGradients.js'
export { scoreInfluence } from './scoreInfluence.js'
export {
  createSparseProjection,
  type SparseProjection,
  type SparseProjectionParameters,
} from './sparseProjection.js'
