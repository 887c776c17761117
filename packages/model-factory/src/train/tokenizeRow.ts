import type { Tokenizer } from '@openledger/lora-host'
import type { TokenSequence } from './TrainingSession.js'

/** A training row's content, as Datanet rows hold it. */
export type TrainingText =
  | { kind: 'text'; text: string }
  | { kind: 'prompt_completion'; prompt: string; completion: string }

/**
 * A row as a training sequence: BOS + text (every token counted), or BOS + prompt + completion + EOS with the
 * loss on the completion and EOS only, so the adapter learns to answer and to stop, not to echo prompts.
 *
 * @example
 * tokenizeRow(model.tokenizer, { kind: 'prompt_completion', prompt: 'Q: …', completion: ' A: …' })
 */
export function tokenizeRow(tokenizer: Tokenizer, row: TrainingText): TokenSequence {
  if (row.kind === 'text') return { tokens: tokenizer.encode(row.text, { bos: true }) }
  const prompt = tokenizer.encode(row.prompt, { bos: true })
  const completion = tokenizer.encode(row.completion, { bos: false })
  const tokens = [...prompt, ...completion, tokenizer.eos]
  // lossMask[i] is for predicting tokens[i + 1]: count the completion tokens and EOS.
  const lossMask = tokens.slice(1).map((_, i) => i + 1 >= prompt.length)
  return { tokens, lossMask }
}
