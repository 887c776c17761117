/**
 * Turns texts into vectors for a datanet's index. `id` names the model and method: an index built by one
 * embedder is rebuilt when another opens it. Vectors are compared by cosine similarity.
 *
 * @example
 * const embedder: Embedder = hostEmbedder(host)
 * const [vector] = await embedder.embed(['Lily saw a red ball.'])
 */
export type Embedder = {
  readonly id: string
  readonly dimensions: number
  embed(texts: readonly string[]): Promise<Float32Array[]>
}
