import type { ServedAgent } from '@openledger/agent-runtime'
import type { ChainConnection, Manifest } from '@openledger/chain'
import { gateAgent } from './gateAgent.js'

type Checked = { block: bigint; outcome: Promise<void> }

/**
 * `gateAgent` per agent, remembered for the chain's current block: stake only changes in a new block, so
 * answers in the same block share one check, and concurrent requests share one read of the block number.
 */
export class AgentGate {
  private readonly checked = new Map<bigint, Checked>()
  private blockRead: Promise<bigint> | undefined

  constructor(
    private readonly connection: ChainConnection,
    private readonly manifest: Pick<Manifest, 'contracts'>,
  ) {}

  async check(served: ServedAgent): Promise<void> {
    const block = await this.currentBlock()
    const known = this.checked.get(served.agentId)
    if (known && known.block === block) return known.outcome
    const outcome = gateAgent(this.connection, this.manifest, served)
    // A failed read (not a refusal) is not remembered.
    outcome.catch((error: { status?: number }) => {
      if (error?.status !== 403) this.checked.delete(served.agentId)
    })
    this.checked.set(served.agentId, { block, outcome })
    return outcome
  }

  private currentBlock(): Promise<bigint> {
    this.blockRead ??= this.connection.publicClient.getBlockNumber({ cacheTime: 0 }).finally(() => {
      this.blockRead = undefined
    })
    return this.blockRead
  }
}
