import * as ort from 'onnxruntime-node'
import type { SlotBuffers } from '../adapters/index.js'
import { buildLlamaGraph, graphNames } from '../graph/buildLlamaGraph.js'
import type { LlamaConfig, LlamaWeights } from '../model/types.js'
import { KvCache } from './KvCache.js'

export type RunnerOptions = {
  /** Rows the running batch can hold. */
  maxRows: number
  /** Stacked adapter slots (from createSlotBuffers); their arrays are read at every run. */
  slots: SlotBuffers
  /** 'cpu' (default) or 'cuda'. */
  executionProvider?: 'cpu' | 'cuda'
  /** onnxruntime intra-op threads; default: ORT's choice. */
  threads?: number
}

/** One row of a step: `tokens` enter at positions start… of batch row `row`, with adapter slot `slot`. */
export type StepRow = { tokens: readonly number[]; start: number; slot: number }

export type StepResult = {
  /** Logits of each row's last token, [rows][vocab]. */
  logits: Float32Array[]
  /** Optional: logits of every token of every row, [rows][tokens][vocab]. */
  allLogits?: Float32Array[][]
  /** Optional: mean of each row's final hidden states over its tokens. */
  meanHidden?: Float32Array[]
}

/**
 * Runs the Llama ONNX graph over a block of batch rows: writes the rows' new keys and values into the KV
 * cache and returns logits. One `session.run` serves rows of different adapters.
 */
export class ModelRunner {
  readonly cache: KvCache
  /** The stacked adapter inputs: tensors over the slot buffers, which the cache updates in place. */
  private readonly adapterFeeds: Record<string, ort.Tensor> = {}

  private constructor(
    readonly config: LlamaConfig,
    private readonly session: ort.InferenceSession,
    slots: SlotBuffers,
    maxRows: number,
  ) {
    this.cache = new KvCache(config, maxRows)
    for (let layer = 0; layer < config.nLayers; layer++) {
      slots.modules.forEach((module, m) => {
        const shape = moduleDims(slots, layer, m)
        this.adapterFeeds[graphNames.loraA(layer, module)] = new ort.Tensor(
          'float32',
          slots.a[layer]![m]!,
          shape.a,
        )
        this.adapterFeeds[graphNames.loraB(layer, module)] = new ort.Tensor(
          'float32',
          slots.b[layer]![m]!,
          shape.b,
        )
      })
    }
  }

  static async create(weights: LlamaWeights, options: RunnerOptions): Promise<ModelRunner> {
    const graph = buildLlamaGraph(weights, {
      loraModules: options.slots.modules,
      loraRank: options.slots.rank,
    })
    const session = await ort.InferenceSession.create(graph, {
      executionProviders: [options.executionProvider ?? 'cpu'],
      graphOptimizationLevel: 'all',
      ...(options.threads ? { intraOpNumThreads: options.threads } : {}),
    })
    return new ModelRunner(weights.config, session, options.slots, options.maxRows)
  }

  /** Runs rows first … first + rows.length - 1 of the batch. */
  async step(
    first: number,
    rows: readonly StepRow[],
    want: { allLogits?: boolean; meanHidden?: boolean } = {},
  ): Promise<StepResult> {
    const { config, cache } = this
    const count = rows.length
    const width = Math.max(...rows.map((r) => r.tokens.length))
    cache.ensurePositions(Math.max(...rows.map((r) => r.start + r.tokens.length)))
    const past = cache.positions
    const ids = new BigInt64Array(count * width)
    const positions = new BigInt64Array(count * width)
    const bias = new Float32Array(count * width * (past + width)).fill(-1e9)
    const outputs: number[] = []
    rows.forEach((row, i) => {
      for (let s = 0; s < width; s++) {
        const real = s < row.tokens.length
        ids[i * width + s] = BigInt(real ? row.tokens[s]! : 0)
        positions[i * width + s] = BigInt(Math.min(row.start + s, config.maxSeqLen - 1))
        const base = (i * width + s) * (past + width)
        if (real) {
          bias.fill(0, base, base + row.start)
          bias.fill(0, base + past, base + past + s + 1)
        } else {
          bias[base + past + s] = 0 // padding attends to itself only; its output is never read
        }
        if (real && (want.allLogits || s === row.tokens.length - 1)) outputs.push(i * width + s)
      }
    })
    const feeds: Record<string, ort.Tensor> = {
      [graphNames.inputIds]: new ort.Tensor('int64', ids, [count, width]),
      [graphNames.positionIds]: new ort.Tensor('int64', positions, [count, width]),
      [graphNames.attentionBias]: new ort.Tensor('float32', bias, [count, width, past + width]),
      [graphNames.adapterIndex]: new ort.Tensor(
        'int64',
        BigInt64Array.from(rows, (r) => BigInt(r.slot)),
        [count],
      ),
      [graphNames.outputPositions]: new ort.Tensor('int64', BigInt64Array.from(outputs, BigInt), [
        outputs.length,
      ]),
    }
    const kvShape = [count, config.nKvHeads, past, config.headDim]
    for (let layer = 0; layer < config.nLayers; layer++) {
      feeds[graphNames.pastKey(layer)] = new ort.Tensor(
        'float32',
        cache.view(layer, 'key', first, count),
        kvShape,
      )
      feeds[graphNames.pastValue(layer)] = new ort.Tensor(
        'float32',
        cache.view(layer, 'value', first, count),
        kvShape,
      )
    }
    Object.assign(feeds, this.adapterFeeds)
    const fetches: string[] = [graphNames.logits, ...(want.meanHidden ? [graphNames.hidden] : [])]
    for (let layer = 0; layer < config.nLayers; layer++)
      fetches.push(graphNames.newKey(layer), graphNames.newValue(layer))
    const result = await this.session.run(feeds, fetches)

    const starts = rows.map((r) => r.start)
    const lengths = rows.map((r) => r.tokens.length)
    for (let layer = 0; layer < config.nLayers; layer++) {
      cache.write(
        layer,
        'key',
        first,
        result[graphNames.newKey(layer)]!.data as Float32Array,
        width,
        starts,
        lengths,
      )
      cache.write(
        layer,
        'value',
        first,
        result[graphNames.newValue(layer)]!.data as Float32Array,
        width,
        starts,
        lengths,
      )
    }
    return collect(result, rows, width, config, want)
  }

  async release(): Promise<void> {
    await this.session.release()
  }
}

function moduleDims(slots: SlotBuffers, layer: number, m: number): { a: number[]; b: number[] } {
  const a = slots.a[layer]![m]!.length / slots.slots / slots.rank
  const b = slots.b[layer]![m]!.length / slots.slots / slots.rank
  return { a: [slots.slots, a, slots.rank], b: [slots.slots, slots.rank, b] }
}

function collect(
  result: ort.InferenceSession.OnnxValueMapType,
  rows: readonly StepRow[],
  width: number,
  config: LlamaConfig,
  want: { allLogits?: boolean; meanHidden?: boolean },
): StepResult {
  const logits = result[graphNames.logits]!.data as Float32Array
  const vocab = config.vocabSize
  const out: StepResult = { logits: [] }
  let offset = 0
  if (want.allLogits) out.allLogits = []
  for (const row of rows) {
    const take = want.allLogits ? row.tokens.length : 1
    const block = Array.from({ length: take }, (_, t) =>
      logits.slice((offset + t) * vocab, (offset + t + 1) * vocab),
    )
    offset += take
    out.logits.push(block[take - 1]!)
    out.allLogits?.push(block)
  }
  if (want.meanHidden) {
    const hidden = result[graphNames.hidden]!.data as Float32Array
    out.meanHidden = rows.map((row, i) => {
      const mean = new Float32Array(config.dim)
      for (let s = 0; s < row.tokens.length; s++) {
        for (let d = 0; d < config.dim; d++)
          mean[d]! += hidden[(i * width + s) * config.dim + d]! / row.tokens.length
      }
      return mean
    })
  }
  return out
}
