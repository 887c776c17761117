export { add, exp, log, mul, neg, reciprocal, scale, sigmoid, sqrt, sub, unbroadcast } from './elementwise.js'
export { TapeShapeError } from './errors.js'
export { type GradCheckParameters, type GradCheckResult, gradCheck } from './gradCheck.js'
export { matmul } from './matmul.js'
export { gatherRows, logSoftmax, pickLast, softmax } from './nn.js'
export { reduceMean, reduceSum } from './reduce.js'
export { concat, expand, reshape, split, transpose } from './shape.js'
export {
  broadcastShape,
  type FloatType,
  type RecordParameters,
  Tape,
  type Value,
  type Vjp,
  zeros,
} from './Tape.js'
