import type { Llama2cTokenizer, Tokenizer } from '@openledger/lora-host'

/**
 * For `findSpans`' whole-word trimming: whether a token continues the word before it, i.e. its piece starts
 * with a letter or digit (no leading space). Known for llama2.c vocabularies; undefined (no trimming) for
 * other tokenizers.
 */
export function continuesWordOf(tokenizer: Tokenizer): ((token: number) => boolean) | undefined {
  if ((tokenizer as Partial<Llama2cTokenizer>).kind !== 'llama2c') return undefined
  const { keys } = (tokenizer as Llama2cTokenizer).vocab
  return (token) => /^[A-Za-z0-9]/.test(keys[token] ?? '')
}
