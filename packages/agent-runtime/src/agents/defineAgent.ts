import type { BaseChatModel } from '@langchain/core/language_models/chat_models'
import type { StructuredToolInterface } from '@langchain/core/tools'
import type { BaseCheckpointSaver } from '@langchain/langgraph'
import { BaseError } from '@openledger/errors'
import { parseEther } from 'viem'
import { z } from 'zod'

/** What an agent's graph is built from at run time: its models by role, its tools, its prompt. */
export type AgentContext = {
  /** A chat model per adapter role (e.g. `router`, `answer`), each serving that role's adapter. */
  models: Record<string, BaseChatModel>
  tools: Record<string, StructuredToolInterface>
  systemPrompt: string
  checkpointer?: BaseCheckpointSaver
}

/** A compiled LangGraph graph (what `StateGraph(...).compile()` returns), as the runtime drives it. */
export type AgentGraph = {
  invoke(input: unknown, config?: Record<string, unknown>): Promise<unknown>
  stream?(input: unknown, config?: Record<string, unknown>): Promise<AsyncIterable<unknown>>
}

const slug = /^[a-z0-9][a-z0-9-]{1,62}$/
const definitionSchema = z.object({
  id: z.string().regex(slug, 'must be lowercase letters, digits and dashes, 2 to 63 characters'),
  name: z.string().min(1).max(80),
  description: z.string().min(1).max(500),
  systemPrompt: z.string().min(1).max(4000),
  adapters: z.record(z.string().regex(/^[a-z][a-z0-9_-]*$/, 'must be a role name'), z.string().min(1)),
  datanets: z.array(z.union([z.bigint(), z.string().regex(/^\d+$/)])).default([]),
  tools: z.array(z.string().min(1)).default([]),
  fee: z.string().regex(/^\d+(\.\d{1,18})?$/, 'must be an amount of OPEN, e.g. "0.01"'),
  stake: z.object({ minimum: z.string().regex(/^\d+(\.\d{1,18})?$/, 'must be an amount of OPEN') }),
  /**
   * What a streaming caller sees: `tokens` (default), the `answer` role's tokens as they are generated; `text`,
   * only the pieces the graph writes with `writeAnswerText`, for agents that compose answers themselves.
   */
  streaming: z.enum(['tokens', 'text']).default('tokens'),
  graph: z.custom<(context: AgentContext) => AgentGraph>(
    (v) => typeof v === 'function',
    'must be a function building the graph',
  ),
})

export type AgentDefinition = z.input<typeof definitionSchema>

/** An agent ready to run: its validated definition, fee and minimum stake in wei. */
export type Agent = Omit<z.output<typeof definitionSchema>, 'datanets'> & {
  datanets: bigint[]
  feeWei: bigint
  minimumStakeWei: bigint
}

/** An agent definition with a field that does not hold. */
export class InvalidAgentDefinitionError extends BaseError {
  override name = 'InvalidAgentDefinitionError'
  constructor(
    readonly field: string,
    reason: string,
  ) {
    super(`Invalid agent definition: ${field} ${reason}.`)
  }
}

/**
 * Defines an agent: id, name, description, system prompt, adapters by role, datanets, tools, fee per answer,
 * the stake it must keep, and its graph — a function that builds a LangGraph `StateGraph` from the run's
 * context (models per role, tools) and compiles it. Validated at once; a bad field is an
 * `InvalidAgentDefinitionError` naming it.
 *
 * @example
 * export const defiAssistant = defineAgent({
 *   id: 'defi-assistant', name: 'DeFi assistant', description: 'Prices and swaps on the devnet Uniswap.',
 *   systemPrompt: 'You answer questions about prices.', adapters: { answer: 'defi' }, tools: ['uniswap_price'],
 *   fee: '0.01', stake: { minimum: '1000' },
 *   graph: ({ models, tools }) => new StateGraph(MessagesAnnotation).addNode(…).compile(),
 * })
 */
export function defineAgent(definition: AgentDefinition): Agent {
  const parsed = definitionSchema.safeParse(definition)
  if (!parsed.success) {
    const issue = parsed.error.issues[0]
    throw new InvalidAgentDefinitionError(
      issue?.path.join('.') || 'definition',
      issue?.message ?? 'is invalid',
    )
  }
  const { datanets, ...rest } = parsed.data
  if (Object.keys(rest.adapters).length === 0)
    throw new InvalidAgentDefinitionError('adapters', 'must name at least one role')
  return {
    ...rest,
    datanets: datanets.map((d) => BigInt(d)),
    feeWei: parseEther(rest.fee),
    minimumStakeWei: parseEther(rest.stake.minimum),
  }
}
