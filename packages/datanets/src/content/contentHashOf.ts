import { encodeAbiParameters, type Hex, keccak256 } from 'viem'
import type { RowContent } from '../types.js'

const textLayout = [{ type: 'string' }, { type: 'string' }] as const
const promptCompletionLayout = [{ type: 'string' }, { type: 'string' }, { type: 'string' }] as const

/**
 * The content hash of a row: keccak256 of the ABI encoding of its kind tag and its strings,
 * `abi.encode("text", text)` or `abi.encode("prompt_completion", prompt, completion)`. Strings are hashed
 * exactly as given (UTF-8, no trimming or Unicode normalisation), so a contract can recompute it and the
 * same bytes always give the same hash. The kind tag keeps a text from colliding with a prompt/completion.
 *
 * @example
 * contentHashOf({ kind: 'text', text: 'Lily saw a red ball.' })
 */
export function contentHashOf(content: RowContent): Hex {
  if (content.kind === 'text') return keccak256(encodeAbiParameters(textLayout, ['text', content.text]))
  return keccak256(
    encodeAbiParameters(promptCompletionLayout, ['prompt_completion', content.prompt, content.completion]),
  )
}
