import type { StructuredToolInterface } from '@langchain/core/tools'
import type { Agent } from '../agents/defineAgent.js'
import type { Caller } from './ServedAgent.js'

/** A datanet an agent package brings: created at setup from the package's seed rows. */
export type SeedDatanet = {
  name: string
  description: string
  /** An SPDX id, e.g. `CC-BY-4.0`. */
  license: string
  /** Absolute path of a JSONL file of rows, one per line, as `openledger datanet import` reads them. */
  rowsFile: string
}

/** An adapter an agent package needs for one role: trained by ModelFactory at setup on its datanet's rows. */
export type SeedAdapter = {
  /** The adapter id in the model host's registry, e.g. `defi-answer`. */
  name: string
  /** Training steps (ModelFactory); setup may scale them down for tests. */
  steps: number
  /**
   * ModelFactory settings other than its defaults: peak learning rate, how often to evaluate on the held-out
   * rows, and the early-stopping patience (0: never stop early). The adapter kept is the best evaluated, so an
   * adapter meant to say its rows' words evaluates only at the end (`evalEvery` ≥ `steps`).
   */
  training?: { lr?: number; evalEvery?: number; patience?: number }
}

/**
 * What an agent package (agents/*) exports for provisioning: its seed datanet, the adapters per role, and how
 * to build the agent and its tools on a stack once the datanet and adapters exist there. Generic over the
 * tool environment so the runtime does not depend on the tools package.
 */
export type AgentPackage<Environment> = {
  id: string
  datanet: SeedDatanet
  /** Role → adapter to train; the role `answer` composes what the caller sees. */
  adapters: Record<string, SeedAdapter>
  /** The agent with its datanet id and adapter ids as they exist on the stack. */
  create(resolved: { datanetId: bigint; adapters: Record<string, string> }): Agent
  /** The agent's tools bound to the stack and to the caller. */
  tools(environment: Environment, caller: Caller): Record<string, StructuredToolInterface>
}
