export { abortOnClose } from './abortOnClose.js'
export { bodyParserHttpError } from './bodyParserHttpError.js'
export { type ErrorHandlerOptions, errorHandler } from './errorHandler.js'
export {
  HttpError,
  type HttpErrorBody,
  type HttpErrorOptions,
  type OpenAiErrorType,
} from './HttpError.js'
export { isServerFault } from './isServerFault.js'
export { logToStderr } from './logToStderr.js'
export { newRequestId } from './newRequestId.js'
export { openAiErrorBody } from './openAiErrorBody.js'
export { paramOf } from './paramOf.js'
export { type ParseBodyOptions, parseBody } from './parseBody.js'
export { type RequestIdOptions, requestId } from './requestId.js'
export { requestIdOf } from './requestIdOf.js'
export { type MapError, type ToHttpErrorOptions, toHttpError } from './toHttpError.js'
export { validateBody } from './validateBody.js'
export {
  type DescribeInvalidField,
  type ZodErrorLike,
  type ZodHttpErrorOptions,
  zodHttpError,
} from './zodHttpError.js'
