export { InvalidRetrievalEvidenceError, InvalidRetrievalOptionsError } from './errors.js'
export { type RetrievalEvidence, type ScoreRetrievalOptions, scoreRetrieval } from './scoreRetrieval.js'
