export type { InfluenceInput, InfluenceScorer } from './InfluenceScorer.js'
export { noInfluence } from './noInfluence.js'
