import { createRandom, type LlamaWeights, type LoraModule } from '@openledger/lora-host'
import { AdamW } from './AdamW.js'
import {
  FineTuneCancelledError,
  InvalidFineTuneError,
  NoTrainingDataError,
  SequenceTooLongError,
} from './errors.js'
import { initLoraState } from './initLoraState.js'
import { type LearningRateSchedule, learningRate } from './learningRate.js'
import { type LoraState, type TokenSequence, TrainingSession } from './TrainingSession.js'

export type FineTuneOptions = {
  rank: number
  /** The largest rank the serving host accepts (its `maxRank`). */
  maxRank?: number
  /** PEFT lora_alpha; default 2 × rank. */
  alpha?: number
  /** Default q, k, v and o projections. */
  modules?: readonly LoraModule[]
  steps: number
  /** Rows per step (default 16). */
  batch?: number
  /** Tokens per row (default 128). */
  seqLen?: number
  /** Peak learning rate (default 2e-3). */
  lr?: number
  warmupSteps?: number
  decay?: LearningRateSchedule['decay']
  weightDecay?: number
  /** The share of rows held out to evaluate on (default 0.1; at least one row). */
  evalFraction?: number
  /** Evaluate every N steps (default 20) and at the end. */
  evalEvery?: number
  /** Stop after this many evaluations without improvement (default 3; 0: never stop early). */
  patience?: number
  /** Same seed, same data split, same initialisation, same adapter (default 42). */
  seed?: number
  /** Keep this many evenly spaced snapshots of the adapter (the last at the final step), for TracIn-style
   * influence over the training trajectory (default 0). */
  checkpoints?: number
}

/** A snapshot of the adapter during training, with the learning rate of the step that produced it. */
export type TrainingCheckpoint = { step: number; lr: number; state: LoraState }

export type FineTuneProgress = {
  step: number
  totalSteps: number
  loss: number
  lr: number
  gradNorm: number
  /** Present on steps that evaluated. */
  evalLoss?: number
}

export type FineTuneResult = {
  /** The adapter at its best held-out loss. */
  state: LoraState
  rank: number
  alpha: number
  modules: LoraModule[]
  stepsRun: number
  stoppedEarly: boolean
  /** Held-out loss of the base model (the adapter before training: B = 0). */
  baseEvalLoss: number
  bestEvalLoss: number
  bestStep: number
  history: FineTuneProgress[]
  /** Indices of `sequences` trained on and held out. */
  split: { train: number[]; eval: number[] }
  /** `options.checkpoints` snapshots, oldest first. */
  checkpoints: TrainingCheckpoint[]
}

export type FineTuneParameters = {
  weights: LlamaWeights
  sequences: readonly TokenSequence[]
  /** Row ids by sequence index, to name a bad row in errors. */
  rowIds?: readonly string[]
  options: FineTuneOptions
  onProgress?: (progress: FineTuneProgress) => void
  signal?: AbortSignal
}

/**
 * Fine-tunes a LoRA adapter on token sequences: a seeded held-out split, PEFT initialisation, AdamW with a
 * warm-up-then-decay schedule and gradient clipping, held-out evaluation every `evalEvery` steps, early
 * stopping on `patience`, keeping the best adapter. Forward and backward run in one onnxruntime graph.
 *
 * @example
 * const result = await fineTune({ weights, sequences, options: { rank: 8, steps: 200 }, onProgress: console.log })
 */
export async function fineTune(parameters: FineTuneParameters): Promise<FineTuneResult> {
  const { weights, sequences, options, onProgress, signal } = parameters
  const settings = validate(parameters)
  const { rank, alpha, modules, batch, seqLen, steps, seed } = settings
  const random = createRandom(seed)
  const order = shuffle(
    sequences.map((_, i) => i),
    random,
  )
  const evalCount = Math.max(1, Math.round(sequences.length * (options.evalFraction ?? 0.1)))
  if (sequences.length < 2) throw new NoTrainingDataError('one row cannot be both trained on and held out')
  const split = { eval: order.slice(0, evalCount).sort((a, b) => a - b), train: order.slice(evalCount) }
  const session = await TrainingSession.create(weights, { batch, seqLen, rank, alpha, modules: [...modules] })
  try {
    const state = initLoraState(session.matrices, seed)
    const evaluate = () =>
      evalLoss(
        session,
        state,
        split.eval.map((i) => sequences[i]!),
      )
    const baseEvalLoss = await evaluate()
    const optimizer = new AdamW({ weightDecay: options.weightDecay ?? 0 })
    const schedule = {
      lr: options.lr ?? 2e-3,
      warmupSteps: options.warmupSteps ?? Math.floor(steps / 20),
      totalSteps: steps,
      decay: options.decay ?? 'cosine',
    }
    const history: FineTuneProgress[] = []
    let best = { loss: baseEvalLoss, step: 0, state: copy(state) }
    let sinceBest = 0
    let cursor = 0
    let trainOrder = shuffle(split.train, random)
    let step = 0
    let stoppedEarly = false
    const checkpoints: TrainingCheckpoint[] = []
    const count = options.checkpoints ?? 0
    const checkpointSteps = new Set(
      Array.from({ length: count }, (_, i) => Math.round(((i + 1) * steps) / count)),
    )
    while (step < steps) {
      if (signal?.aborted) throw new FineTuneCancelledError(step)
      const rows: TokenSequence[] = []
      while (rows.length < Math.min(batch, trainOrder.length)) {
        if (cursor === trainOrder.length) {
          trainOrder = shuffle(split.train, random)
          cursor = 0
        }
        rows.push(sequences[trainOrder[cursor++]!]!)
      }
      const { loss, grads } = await session.step(state, rows)
      const lr = learningRate(step, schedule)
      const gradNorm = optimizer.step(state, grads, lr)
      step++
      if (checkpointSteps.has(step)) checkpoints.push({ step, lr, state: copy(state) })
      const progress: FineTuneProgress = { step, totalSteps: steps, loss, lr, gradNorm }
      if (step % settings.evalEvery === 0 || step === steps) {
        progress.evalLoss = await evaluate()
        if (progress.evalLoss < best.loss) {
          best = { loss: progress.evalLoss, step, state: copy(state) }
          sinceBest = 0
        } else sinceBest++
      }
      history.push(progress)
      onProgress?.(progress)
      if (settings.patience > 0 && sinceBest >= settings.patience) {
        stoppedEarly = step < steps
        break
      }
    }
    return {
      state: best.state,
      rank,
      alpha,
      modules: [...modules],
      stepsRun: step,
      stoppedEarly,
      baseEvalLoss,
      bestEvalLoss: best.loss,
      bestStep: best.step,
      history,
      split,
      checkpoints,
    }
  } finally {
    await session.release()
  }
}

/** The mean per-token loss over `sequences`, in batches. */
export async function evalLoss(
  session: TrainingSession,
  state: LoraState,
  sequences: readonly TokenSequence[],
): Promise<number> {
  let total = 0
  let count = 0
  for (let i = 0; i < sequences.length; i += session.options.batch) {
    const rows = sequences.slice(i, i + session.options.batch)
    const { tokenLosses } = await session.step(state, rows)
    const positions = rows.reduce(
      (n, r) => n + (r.lossMask ? r.lossMask.filter(Boolean).length : r.tokens.length - 1),
      0,
    )
    total += tokenLosses.reduce((a, b) => a + b, 0)
    count += positions
  }
  return total / count
}

function validate({ weights, sequences, rowIds, options }: FineTuneParameters) {
  const rank = options.rank
  const maxRank = options.maxRank ?? 64
  if (!Number.isInteger(rank) || rank < 1 || rank > maxRank)
    throw new InvalidFineTuneError(
      'rank',
      `is ${rank}; expected an integer from 1 to ${maxRank} (the host's maximum)`,
    )
  if (!Number.isInteger(options.steps) || options.steps < 1)
    throw new InvalidFineTuneError('steps', `is ${options.steps}; expected a positive integer`)
  const seqLen = options.seqLen ?? 128
  if (!Number.isInteger(seqLen) || seqLen < 2 || seqLen > weights.config.maxSeqLen)
    throw new InvalidFineTuneError('seqLen', `is ${seqLen}; expected 2 to ${weights.config.maxSeqLen}`)
  if (sequences.length === 0) throw new NoTrainingDataError('no accepted rows')
  for (const [i, s] of sequences.entries()) {
    if (s.tokens.length > seqLen + 1)
      throw new SequenceTooLongError(i, s.tokens.length, seqLen + 1, rowIds?.[i])
    if (s.tokens.length < 2)
      throw new InvalidFineTuneError(`row ${rowIds?.[i] ?? `#${i}`}`, 'has fewer than 2 tokens')
  }
  return {
    rank,
    alpha: options.alpha ?? 2 * rank,
    modules: options.modules ?? (['q_proj', 'k_proj', 'v_proj', 'o_proj'] as const),
    batch: options.batch ?? 16,
    seqLen,
    steps: options.steps,
    seed: options.seed ?? 42,
    evalEvery: options.evalEvery ?? 20,
    patience: options.patience ?? 3,
  }
}

function shuffle<T>(items: readonly T[], random: () => number): T[] {
  const out = [...items]
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1))
    ;[out[i], out[j]] = [out[j]!, out[i]!]
  }
  return out
}

const copy = (state: LoraState): LoraState => new Map([...state].map(([k, v]) => [k, v.slice()]))
