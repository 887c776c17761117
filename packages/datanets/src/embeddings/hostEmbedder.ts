import type { Embedder } from './Embedder.js'
import { l2Normalize } from './l2Normalize.js'

/**
 * What `hostEmbedder` needs of a model host. An OpenLoRA `LoraHost` (from @openledger/lora-host) has it; the type
 * is declared here, by its shape, so that datanets does not depend on the host (both sit in one layer).
 */
export type EmbeddingHost = {
  readonly model: {
    readonly id: string
    readonly sha256: string
    readonly weights: { config: { dim: number } }
  }
  embed(texts: readonly string[]): Promise<Float32Array[]>
}

/**
 * The default embedder: the base model served by an OpenLoRA host, no adapter. A text's vector is the mean of
 * the model's final hidden states over BOS and the text's tokens (truncated to the context length, by the
 * host), L2-normalised. Its id names the model and its weights' hash, so a new model rebuilds the indexes.
 *
 * @example
 * const { host } = await createTestHost()
 * const index = await openIndex(store, { datanet, embedder: hostEmbedder(host), directory: '.openledger/indexes' })
 */
export function hostEmbedder(host: EmbeddingHost): Embedder {
  const { model } = host
  return {
    id: `lora-host:${model.id}@${model.sha256.slice(0, 16)}:mean-final-hidden`,
    dimensions: model.weights.config.dim,
    async embed(texts) {
      const vectors = await host.embed([...texts])
      return vectors.map(l2Normalize)
    },
  }
}
