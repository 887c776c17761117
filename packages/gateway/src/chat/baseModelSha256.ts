import type { Hex } from 'viem'
import type { GatewayContext } from '../GatewayContext.js'
import { BaseModelHashUnknownError } from './BaseModelHashUnknownError.js'

type ModelsClient = { models?: { list?: () => PromiseLike<{ data?: unknown }> } }

const known = new WeakMap<object, Map<string, Promise<Hex>>>()

/**
 * The sha256 of the base model's weights as the model host reports it (`root_sha256` of the base model's entry
 * in `GET /v1/models`, from the in-process client or the openai client alike), as 32-byte hex: what a version 2
 * receipt commits to. Asked once per client and kept; a failed lookup is asked again on the next call. Throws
 * `BaseModelHashUnknownError` when the host does not report it (or the host's own error when it is unreachable).
 *
 * @example
 * const baseModel = await baseModelSha256(context) // 0x…, 32 bytes
 */
export function baseModelSha256(context: Pick<GatewayContext, 'client' | 'baseModel'>): Promise<Hex> {
  const byName = known.get(context.client) ?? new Map<string, Promise<Hex>>()
  known.set(context.client, byName)
  const cached = byName.get(context.baseModel)
  if (cached) return cached
  const lookup = lookUp(context.client as ModelsClient, context.baseModel)
  byName.set(context.baseModel, lookup)
  lookup.catch(() => byName.delete(context.baseModel))
  return lookup
}

async function lookUp(client: ModelsClient, baseModel: string): Promise<Hex> {
  if (typeof client.models?.list !== 'function')
    throw new BaseModelHashUnknownError(baseModel, 'its client cannot list models')
  const { data } = await client.models.list()
  const entry = Array.isArray(data)
    ? (data as { id?: unknown; root_sha256?: unknown }[]).find((model) => model?.id === baseModel)
    : undefined
  if (!entry) throw new BaseModelHashUnknownError(baseModel, 'GET /v1/models does not list it')
  const sha256 = entry.root_sha256
  if (typeof sha256 !== 'string' || !/^(0x)?[0-9a-fA-F]{64}$/.test(sha256))
    throw new BaseModelHashUnknownError(
      baseModel,
      `its root_sha256 is ${String(sha256)}, not 32 bytes of hex`,
    )
  return `0x${sha256.replace(/^0x/, '').toLowerCase()}` as Hex
}
