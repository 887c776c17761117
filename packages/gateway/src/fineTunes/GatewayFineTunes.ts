import type { Queue } from 'bullmq'

/** The most accepted rows a fine-tune may train on by default. */
export const DEFAULT_MAX_FINE_TUNE_ROWS = 100_000

/** How the gateway serves, bounds and prices ModelFactory's fine-tune API under `/v1/fine-tunes`. */
export type GatewayFineTunes = {
  /** ModelFactory's `fine-tune` queue (`fineTuneQueue`); its worker may run here or elsewhere. */
  queue: Queue
  /**
   * The on-chain agent that sells fine-tuning: a fine-tune's receipt is charged under it, so its fee is split as
   * that agent's answers are (owner, stakers, the rows' contributors, the treasury).
   */
  agentId: bigint
  /** Wei of OPEN per training step: `steps × feePerStep` is held up front, the steps that ran are charged. */
  feePerStep: bigint
  /** The most steps a job may take (default ModelFactory's `DEFAULT_MAX_STEPS`, 10,000). */
  maxSteps?: number
  /** The most accepted rows the datanet may hold to be trained on (default 100,000). */
  maxRows?: number
  /** The largest LoRA rank the serving host accepts (default 16). */
  maxRank?: number
}
