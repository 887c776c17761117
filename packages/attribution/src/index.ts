export {
  type AttributeAnswerParameters,
  type AttributeAnswerReturnType,
  attributeAnswer,
  defaultMethodWeights,
  type SpanCorpus,
} from './attribute/attributeAnswer.js'
export * from './epochs/index.js'
export * from './fusion/index.js'
export * from './influence/index.js'
export * from './receipts/index.js'
export * from './retrieval/index.js'
export * from './spans/index.js'
