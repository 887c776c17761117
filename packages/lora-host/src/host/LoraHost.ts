import {
  AdapterCache,
  type AdapterInfo,
  AdapterNotFoundError,
  AdapterRegistry,
  createSlotBuffers,
  type RegisterAdapterParameters,
} from '../adapters/index.js'
import { Engine } from '../engine/Engine.js'
import type { GenerateRequest, Generation } from '../engine/Generation.js'
import { ModelRunner } from '../engine/ModelRunner.js'
import { type BaseModel, type LoraModule, loraModules } from '../model/types.js'
import { AdapterNotServableError, ModelNotServedError } from './errors.js'

export type LoraHostOptions = {
  model: BaseModel
  /** Root of the adapter registry (content-addressed blobs + name index). */
  adaptersDir: string
  /** Highest LoRA rank accepted; default 16. */
  maxRank?: number
  /** Adapters resident at once (slots besides the base model's); default 32. */
  residentAdapters?: number
  /** Rows of the running batch; default 32. */
  maxBatch?: number
  /** Requests waiting beyond the batch before 429; default 256. */
  maxQueue?: number
  /** Modules adapters may target; default all seven projections. */
  loraModules?: readonly LoraModule[]
  executionProvider?: 'cpu' | 'cuda'
  threads?: number
  /**
   * Serve an adapter only when this says yes (by its sha256): e.g. registered and not revoked in ModelRegistry,
   * for hosts behind paid traffic. The OpenAI API answers 403 `adapter_not_registered` otherwise. Default:
   * every registered adapter is served.
   */
  adapterGuard?: (sha256: string) => boolean | Promise<boolean>
}

/** A served model name resolved: the plain base model, or base + adapter. */
export type ResolvedModel = { name: string; adapter: AdapterInfo | undefined }

/**
 * OpenLoRA: one base model, every registered adapter on disk, a bounded set resident in slots, and one
 * continuous-batching engine serving rows of any adapter together.
 *
 * @example
 * const host = await LoraHost.create({ model: await loadBaseModel('../shared/models/stories260K'), adaptersDir })
 * const generation = host.generate('stories260K:defi', { prompt, maxTokens: 32, temperature: 0, topP: 1, topK: 0 })
 */
export class LoraHost {
  private constructor(
    readonly model: BaseModel,
    readonly registry: AdapterRegistry,
    readonly cache: AdapterCache,
    readonly engine: Engine,
    private readonly runner: ModelRunner,
    readonly limits: { maxRank: number; maxBatch: number; maxQueue: number; contextLength: number },
    private readonly adapterGuard: LoraHostOptions['adapterGuard'],
  ) {}

  static async create(options: LoraHostOptions): Promise<LoraHost> {
    const { model } = options
    const maxRank = options.maxRank ?? 16
    const maxBatch = options.maxBatch ?? 32
    const maxQueue = options.maxQueue ?? 256
    const modules = options.loraModules ?? loraModules
    const registry = new AdapterRegistry({
      root: options.adaptersDir,
      base: { modelId: model.id, config: model.weights.config, maxRank, modules },
    })
    const buffers = createSlotBuffers(model.weights.config, {
      slots: (options.residentAdapters ?? 32) + 1,
      rank: maxRank,
      modules,
    })
    const cache = new AdapterCache({ registry, buffers })
    const runner = await ModelRunner.create(model.weights, {
      maxRows: maxBatch,
      slots: buffers,
      ...(options.executionProvider ? { executionProvider: options.executionProvider } : {}),
      ...(options.threads ? { threads: options.threads } : {}),
    })
    const engine = new Engine({ runner, tokenizer: model.tokenizer, adapters: cache, maxQueue })
    const limits = { maxRank, maxBatch, maxQueue, contextLength: model.weights.config.maxSeqLen }
    return new LoraHost(model, registry, cache, engine, runner, limits, options.adapterGuard)
  }

  /** `<base>` or `<base>:<adapter>` → what serves it; unknown names throw (HTTP 404). */
  resolve(name: string): ResolvedModel {
    const [base, adapterId, ...rest] = name.split(':')
    if (base !== this.model.id || rest.length > 0) throw new ModelNotServedError(name, this.model.id)
    if (adapterId === undefined) return { name, adapter: undefined }
    const adapter = this.registry.get(adapterId)
    if (!adapter) throw new AdapterNotFoundError(adapterId)
    return { name, adapter }
  }

  /** Throws `AdapterNotServableError` when the model names an adapter the host's guard refuses. */
  async assertServable(model: string): Promise<ResolvedModel> {
    const resolved = this.resolve(model)
    const adapter = resolved.adapter
    if (adapter && this.adapterGuard && !(await this.adapterGuard(adapter.sha256)))
      throw new AdapterNotServableError(adapter.id, adapter.sha256)
    return resolved
  }

  /** Generates for a served model name; the request's `adapter` is taken from the name. */
  generate(
    model: string,
    request: Omit<GenerateRequest, 'adapter'>,
  ): { generation: Generation; resolved: ResolvedModel } {
    const resolved = this.resolve(model)
    const generation = this.engine.generate({ ...request, adapter: resolved.adapter?.id })
    return { generation, resolved }
  }

  /**
   * Embeds texts with the base model: BOS + the text's tokens, truncated to the context length, and the mean
   * of the final (normalised) hidden states. Vectors are not L2-normalised.
   *
   * @example
   * const [vector] = await host.embed(['Lily saw a red ball.'])
   */
  async embed(texts: readonly string[]): Promise<Float32Array[]> {
    const limit = this.limits.contextLength
    const prompts = texts.map((text) => this.model.tokenizer.encode(text, { bos: true }).slice(0, limit))
    return this.engine.embed(prompts)
  }

  /** Every served model name: the base, then `<base>:<adapter>` for each registered adapter. */
  models(): ResolvedModel[] {
    return [
      { name: this.model.id, adapter: undefined },
      ...this.registry.list().map((adapter) => ({ name: `${this.model.id}:${adapter.id}`, adapter })),
    ]
  }

  registerAdapter(parameters: RegisterAdapterParameters): Promise<AdapterInfo> {
    return this.registry.register(parameters)
  }

  /** Unloads and forgets an adapter; refused while a request uses it. */
  removeAdapter(id: string): void {
    if (!this.registry.has(id)) throw new AdapterNotFoundError(id)
    this.cache.evict(id)
    this.registry.remove(id)
  }

  pinAdapter(id: string): void {
    if (!this.registry.has(id)) throw new AdapterNotFoundError(id)
    this.cache.pin(id)
  }

  unpinAdapter(id: string): boolean {
    if (!this.registry.has(id)) throw new AdapterNotFoundError(id)
    return this.cache.unpin(id)
  }

  stats() {
    return { engine: this.engine.stats(), adapters: this.cache.stats(), registered: this.registry.size }
  }

  async close(): Promise<void> {
    await this.engine.close()
    await this.runner.release()
  }
}
