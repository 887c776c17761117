import { BaseError } from '@openledger/errors'
import type { Hex } from 'viem'

/** The adapter's files no longer hash to what training.json says was trained. */
export class AdapterChangedSinceTrainingError extends BaseError {
  override name = 'AdapterChangedSinceTrainingError'
  constructor(dir: string, trained: Hex, now: Hex) {
    super(
      `The adapter files in ${dir} hash to ${now}, not ${trained} as trained (training.json); retrain it.`,
    )
  }
}

/** The adapter was trained on a datanet of another chain or registry than this deployment's. */
export class TrainedOnOtherDeploymentError extends BaseError {
  override name = 'TrainedOnOtherDeploymentError'
  constructor(datanet: { chainId: number; registry: string; datanetId: string }, chainId: number) {
    super(
      `The adapter was trained on datanet ${datanet.datanetId} of registry ${datanet.registry} on chain ${datanet.chainId}; this deployment (chain ${chainId}) has another registry.`,
    )
  }
}

/** `adapter lineage --verify`: the folder does not match its on-chain lineage; names the check that failed. */
export class LineageVerificationError extends BaseError {
  override name = 'LineageVerificationError'
  constructor(dir: string, check: string) {
    super(`Verification of ${dir} failed: ${check}.`)
  }
}
