import { BaseError } from '@openledger/errors'

/** A fine-tune asked for something that cannot be trained. */
export class InvalidFineTuneError extends BaseError {
  override name = 'InvalidFineTuneError'
  constructor(
    readonly field: string,
    reason: string,
  ) {
    super(`Cannot fine-tune: ${field} ${reason}.`)
  }
}

/** The dataset has nothing to train on. */
export class NoTrainingDataError extends BaseError {
  override name = 'NoTrainingDataError'
  constructor(detail: string) {
    super(`Nothing to train on: ${detail}.`, {
      metaMessages: ['Accept rows in the datanet (openledger datanet review … --accept) first.'],
    })
  }
}

/** A training row does not fit the context. */
export class SequenceTooLongError extends BaseError {
  override name = 'SequenceTooLongError'
  constructor(
    readonly index: number,
    readonly tokens: number,
    readonly maxTokens: number,
    readonly rowId?: string,
  ) {
    super(
      `Training row ${rowId ?? `#${index}`} is ${tokens} tokens; the context holds ${maxTokens} (with BOS).`,
      { metaMessages: ['Shorten the row, or train with a longer --seq-len (up to the model’s context).'] },
    )
  }
}

/** The fine-tune was cancelled; nothing was written. */
export class FineTuneCancelledError extends BaseError {
  override name = 'FineTuneCancelledError'
  constructor(readonly step: number) {
    super(`The fine-tune was cancelled at step ${step}; no adapter was written.`)
  }
}

/**
 * A training step's inputs do not fit its session: more sequences than the batch, a sequence shorter than two
 * tokens or longer than the context, no position counting in the loss, or a LoRA state or gradient set that
 * lacks one of the graph's matrices.
 *
 * @example
 * throw new TrainingStepInputError('17 sequences for a batch of 16')
 */
export class TrainingStepInputError extends BaseError {
  override name = 'TrainingStepInputError'
  constructor(reason: string) {
    super(`Training step: ${reason}.`)
  }
}
