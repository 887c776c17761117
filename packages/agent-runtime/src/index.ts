export { actionsSchema } from './actions/actionsSchema.js'
export { cancelPendingAction } from './actions/cancelPendingAction.js'
export { confirmPendingAction, type PendingActionRun } from './actions/confirmPendingAction.js'
export {
  type CreatePendingActionParameters,
  createPendingAction,
  PENDING_ACTION_TTL_MS,
} from './actions/createPendingAction.js'
export {
  PendingActionExpiredError,
  PendingActionNotFoundError,
  PendingActionNotPendingError,
  PendingActionNotYoursError,
} from './actions/errors.js'
export { finishPendingAction } from './actions/finishPendingAction.js'
export { getPendingAction } from './actions/getPendingAction.js'
export { linkActionReceipt } from './actions/linkActionReceipt.js'
export { listPendingActions } from './actions/listPendingActions.js'
export type { PendingAction, PendingActionStatus } from './actions/PendingAction.js'
export { transitionPendingAction } from './actions/transitionPendingAction.js'
export {
  type Agent,
  type AgentContext,
  type AgentDefinition,
  type AgentGraph,
  defineAgent,
  InvalidAgentDefinitionError,
} from './agents/defineAgent.js'
export {
  type ChatInput,
  type RunAgentParameters,
  type RunAgentReturnType,
  runAgent,
} from './agents/runAgent.js'
export { ANSWER_TEXT_EVENT, writeAnswerText } from './agents/writeAnswerText.js'
export { createCheckpointer } from './checkpoints/createCheckpointer.js'
export { bestRowText } from './compose/bestRowText.js'
export { questionOf, toolMessages, writtenAnswer } from './compose/messages.js'
export { wholeSentences } from './compose/wholeSentences.js'
export { MissingToolsError } from './errors/MissingToolsError.js'
export {
  type Evidence,
  EvidenceCollector,
  type GenerationEvidence,
  RETRIEVAL_EVENT,
  type ToolCallEvidence,
} from './evidence/EvidenceCollector.js'
export {
  type ChatCompletionsClient,
  ChatLoraHost,
  type ChatLoraHostCallOptions,
  type ChatLoraHostFields,
  type ServedAdapter,
  ToolCallingUnsupportedError,
} from './models/ChatLoraHost.js'
export type { AgentPackage, SeedAdapter, SeedDatanet } from './serving/AgentPackage.js'
export type { Caller, ServedAgent } from './serving/ServedAgent.js'
