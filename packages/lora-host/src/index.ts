export * from './adapters/index.js'
export {
  type ChatCompletionRequest,
  chatCompletionRequestSchema,
} from './api/chatCompletionRequestSchema.js'
export { type ChatMessage, type ChatTemplate, plainChatTemplate } from './api/chatTemplate.js'
export { type CompletionRequest, completionRequestSchema } from './api/completionRequestSchema.js'
export { type ChatCallOptions, createChatCompletion } from './api/createChatCompletion.js'
export { type ApiCallOptions, createCompletion } from './api/createCompletion.js'
export {
  createEmbedding,
  type EmbeddingRequest,
  type EmbeddingResponse,
  embeddingRequestSchema,
} from './api/createEmbedding.js'
export { hostHttpError } from './api/hostHttpError.js'
export { listAdapters } from './api/listAdapters.js'
export { listModels } from './api/listModels.js'
export { pinAdapter } from './api/pinAdapter.js'
export { type RegisterAdapterRequest, registerAdapter } from './api/registerAdapter.js'
export { removeAdapter } from './api/removeAdapter.js'
export type {
  AdapterObject,
  AdapterRef,
  ChatCompletion,
  ChatCompletionChunk,
  Completion,
  CompletionChunk,
  DeletedAdapter,
  List,
  ModelObject,
  ResponseFinishReason,
  Usage,
} from './api/types.js'
export { unpinAdapter } from './api/unpinAdapter.js'
export { type CreateOperation, createLocalClient, type LocalClient } from './client/createLocalClient.js'
export type { EngineStats } from './engine/Engine.js'
export {
  ContextLengthError,
  EmptyEmbeddingInputError,
  EngineClosedError,
  KvCacheCapacityError,
  NoAdapterCacheError,
  QueueFullError,
} from './engine/errors.js'
export type { FinishReason, GenerateRequest, Generation, GenerationResult } from './engine/Generation.js'
export type { SamplingParameters } from './engine/sampling.js'
export { type ElementType, GraphBuilder } from './graph/onnx.js'
export { AdapterNotServableError, ModelNotServedError } from './host/errors.js'
export { LoraHost, type LoraHostOptions, type ResolvedModel } from './host/LoraHost.js'
export { createHostMetrics, type HostMetrics } from './http/createHostMetrics.js'
export { createLoraHostApp, type LoraHostAppOptions } from './http/createLoraHostApp.js'
export {
  type LoraHostServer,
  type StartLoraHostServerOptions,
  startLoraHostServer,
} from './http/startLoraHostServer.js'
export * from './model/index.js'
export { createRandom } from './random/createRandom.js'
export { readSafetensors, type SafetensorsDtype, writeSafetensors } from './safetensors/safetensors.js'
