import type { LoraHost } from '../host/LoraHost.js'
import type { List, ModelObject } from './types.js'

/**
 * OpenAI's `GET /v1/models`: the base model, then `<base>:<adapter>` for every registered adapter (with its
 * sha256 and `parent` the base); each names the base model's weights hash as `root_sha256`. `created` is when
 * the API started serving (unix seconds).
 *
 * @example
 * const { data } = listModels(host, { created: Math.floor(Date.now() / 1000) })
 * data.map((model) => model.id) // ['stories260K', 'stories260K:a0', …]
 */
export function listModels(host: LoraHost, options: { created: number }): List<ModelObject> {
  const base = host.model.id
  return {
    object: 'list',
    data: host.models().map(({ name, adapter }) => ({
      id: name,
      object: 'model',
      created: options.created,
      owned_by: 'openledger',
      root: base,
      root_sha256: host.model.sha256,
      parent: adapter ? base : null,
      adapter: adapter ? { id: adapter.id, sha256: adapter.sha256 } : null,
    })),
  }
}
