export type { ApiKey } from './apiKeys/ApiKey.js'
export {
  type CreateApiKeyParameters,
  type CreateApiKeyReturnType,
  createApiKey,
} from './apiKeys/createApiKey.js'
export { findApiKey } from './apiKeys/findApiKey.js'
export { gatewaySchema } from './apiKeys/gatewaySchema.js'
export { hashSecret } from './apiKeys/hashSecret.js'
export { listApiKeys } from './apiKeys/listApiKeys.js'
export { revokeApiKey, UnknownApiKeyError } from './apiKeys/revokeApiKey.js'
export type { Attribution } from './chat/attributionObject.js'
export { type ChatRequest, chatRequestSchema, parseChatRequest } from './chat/chatRequestSchema.js'
export { createGateway, DEFAULT_BODY_BYTES, DEFAULT_RATE, type Gateway } from './createGateway.js'
export { DEFAULT_MAX_FINE_TUNE_ROWS, type GatewayFineTunes } from './fineTunes/GatewayFineTunes.js'
export type { ServedFineTunes } from './fineTunes/serveFineTunes.js'
export type { GatewayOptions } from './GatewayOptions.js'
export { type LimitRequestsOptions, limitRequests } from './http/limitRequests.js'
export type { RateLimitOptions } from './http/rateLimit.js'
export { encodeSseData } from './http/sse.js'
export type { GatewayMetrics } from './metrics/createGatewayMetrics.js'
export { chatPage, chatPageRoot } from './page/chatPage.js'
export { openApiDocument } from './routes/openApiDocument.js'
export { type StartedGateway, type StartGatewayOptions, startGateway } from './startGateway.js'
