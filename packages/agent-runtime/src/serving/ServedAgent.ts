import type { StructuredToolInterface } from '@langchain/core/tools'
import type { Address } from 'viem'
import type { Agent } from '../agents/defineAgent.js'

/** Who a paid request is for: the prepaid account that pays for it (and whose wallet a wallet agent acts on). */
export type Caller = { payer: Address }

/**
 * An agent as a running stack serves it: its definition (datanet ids and adapter ids resolved on that stack),
 * its AgentRegistry id, and its tools bound to each caller. What provisioning produces and the gateway serves.
 * The role named `answer` composes the text the caller sees (and the gateway streams).
 */
export type ServedAgent = {
  agent: Agent
  /** The agent's id in AgentRegistry. */
  agentId: bigint
  /** The tools the agent's graph uses, bound to the caller (their wallet, their account). */
  tools(caller: Caller): Promise<Record<string, StructuredToolInterface>>
}
