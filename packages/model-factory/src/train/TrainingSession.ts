import type { LlamaWeights } from '@openledger/lora-host'
import { InferenceSession, Tensor } from 'onnxruntime-node'
import {
  buildTrainingGraph,
  loraParameters,
  type TrainingGraphOptions,
  trainingNames,
} from './buildTrainingGraph.js'
import { TrainingStepInputError } from './errors.js'

/** One training sequence: its tokens, and which next-token predictions count in the loss. */
export type TokenSequence = {
  tokens: readonly number[]
  /** `lossMask[i]` says whether predicting `tokens[i + 1]` counts; default: all of them. */
  lossMask?: readonly boolean[]
}

/** LoRA matrices by graph input name (`lora_a_<layer>_<module>`, `lora_b_…`), in the graph's layout. */
export type LoraState = Map<string, Float32Array | Float64Array>

export type StepResult = {
  loss: number
  /** −log p(target) per row and position (0 where masked or padded). */
  tokenLosses: Float64Array
  /** d loss / d matrix, by the matrix's input name. */
  grads: Map<string, Float32Array | Float64Array>
}

/**
 * A compiled training graph: feeds a batch of token sequences and the LoRA state, returns the loss and every
 * LoRA matrix's gradient from one onnxruntime run.
 *
 * @example
 * const session = await TrainingSession.create(model.weights, { batch: 16, seqLen: 128, rank: 8, alpha: 16, modules })
 * const { loss, grads } = await session.step(state, sequences)
 */
export class TrainingSession {
  private constructor(
    private readonly session: InferenceSession,
    readonly options: TrainingGraphOptions,
    readonly parameters: ReturnType<typeof loraParameters>,
  ) {}

  static async create(weights: LlamaWeights, options: TrainingGraphOptions): Promise<TrainingSession> {
    const bytes = buildTrainingGraph(weights, options)
    const session = await InferenceSession.create(bytes, { graphOptimizationLevel: 'all' })
    return new TrainingSession(session, options, loraParameters(weights, options))
  }

  /** The input names of every LoRA matrix with its shape, A then B per layer and module. */
  get matrices(): { name: string; shape: number[] }[] {
    return this.parameters.flatMap((p) => [
      { name: trainingNames.loraA(p.layer, p.module), shape: p.a },
      { name: trainingNames.loraB(p.layer, p.module), shape: p.b },
    ])
  }

  /** One forward and backward pass over `sequences` (at most `batch`; missing rows are padding). */
  async step(state: LoraState, sequences: readonly TokenSequence[]): Promise<StepResult> {
    const { batch, seqLen } = this.options
    if (sequences.length > batch)
      throw new TrainingStepInputError(`${sequences.length} sequences for a batch of ${batch}`)
    const double = this.options.type === 'double'
    const ids = new BigInt64Array(batch * seqLen)
    const targets = new BigInt64Array(batch * seqLen)
    const weights = double ? new Float64Array(batch * seqLen) : new Float32Array(batch * seqLen)
    let counted = 0
    for (const [row, sequence] of sequences.entries()) {
      const { tokens, lossMask } = sequence
      if (tokens.length < 2 || tokens.length > seqLen + 1)
        throw new TrainingStepInputError(`a sequence of ${tokens.length} tokens; expected 2 to ${seqLen + 1}`)
      for (let i = 0; i < tokens.length - 1; i++) {
        ids[row * seqLen + i] = BigInt(tokens[i]!)
        targets[row * seqLen + i] = BigInt(tokens[i + 1]!)
        if (lossMask?.[i] === false) continue
        weights[row * seqLen + i] = 1
        counted++
      }
    }
    if (counted === 0) throw new TrainingStepInputError('no position counts in the loss')
    for (let i = 0; i < weights.length; i++) weights[i]! /= counted
    const floatType = double ? 'float64' : 'float32'
    const feeds: Record<string, Tensor> = {
      [trainingNames.inputIds]: new Tensor('int64', ids, [batch, seqLen]),
      [trainingNames.targets]: new Tensor('int64', targets, [batch, seqLen, 1]),
      [trainingNames.lossWeights]: new Tensor(floatType, weights, [batch, seqLen]),
    }
    for (const { name, shape } of this.matrices) {
      const value = state.get(name)
      if (!value) throw new TrainingStepInputError(`no LoRA matrix ${name} in the state`)
      feeds[name] = new Tensor(floatType, value, shape)
    }
    const out = await this.session.run(feeds)
    const grads = new Map<string, Float32Array | Float64Array>()
    for (const p of this.parameters) {
      for (const [input, output] of [
        [trainingNames.loraA(p.layer, p.module), trainingNames.gradA(p.layer, p.module)],
        [trainingNames.loraB(p.layer, p.module), trainingNames.gradB(p.layer, p.module)],
      ] as const)
        grads.set(input, out[output]!.data as Float32Array | Float64Array)
    }
    return {
      loss: Number((out[trainingNames.loss]!.data as Float32Array)[0]),
      tokenLosses: Float64Array.from(out[trainingNames.tokenLosses]!.data as Float32Array, (x, i) =>
        weights[i]! > 0 ? x : 0,
      ),
      grads,
    }
  }

  async release(): Promise<void> {
    await this.session.release()
  }
}
