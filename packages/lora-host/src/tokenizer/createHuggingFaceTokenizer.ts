import { Tokenizer as HfTokenizer } from '@huggingface/tokenizers'
import { ModelFormatError } from '../model/errors.js'
import type { Tokenizer } from '../model/types.js'

/** A `Tokenizer` backed by `@huggingface/tokenizers`, with the library object at hand. */
export type HuggingFaceTokenizer = Tokenizer & { kind: 'huggingface'; hf: HfTokenizer }

export type CreateHuggingFaceTokenizerOptions = {
  /** BOS/EOS ids (e.g. config.json's); each missing one comes from tokenizer_config.json's bos_token/eos_token. */
  bos?: number | undefined
  eos?: number | undefined
  /** Named in errors. */
  source?: string
}

/**
 * Wraps a `tokenizer.json` (+ `tokenizer_config.json`) in the `Tokenizer` contract. Encoding adds no
 * special tokens of its own (BOS only when asked); decoding skips special tokens.
 * `clean_up_tokenization_spaces` defaults to false (Llama's) unless the config says otherwise.
 *
 * @example
 * const tokenizer = createHuggingFaceTokenizer(tokenizerJson, tokenizerConfig, { bos: 1, eos: 2 })
 * tokenizer.encode('Hello', { bos: true }) // [1, …]
 */
export function createHuggingFaceTokenizer(
  tokenizerJson: object,
  tokenizerConfig: object,
  options: CreateHuggingFaceTokenizerOptions = {},
): HuggingFaceTokenizer {
  const source = options.source ?? 'tokenizer.json'
  let hf: HfTokenizer
  try {
    hf = new HfTokenizer(tokenizerJson, { clean_up_tokenization_spaces: false, ...tokenizerConfig })
  } catch (error) {
    throw new ModelFormatError(source, '@huggingface/tokenizers could not load it', { cause: error })
  }
  const special = (kind: 'bos' | 'eos') => {
    const id = options[kind] ?? tokenOf(hf, tokenizerConfig, `${kind}_token`)
    if (id === undefined) {
      throw new ModelFormatError(
        source,
        `no ${kind.toUpperCase()} token: neither config.json's ${kind}_token_id nor tokenizer_config.json's ${kind}_token names one`,
      )
    }
    return id
  }
  const bos = special('bos')
  const eos = special('eos')
  let highestId = -1
  for (const id of hf.get_vocab(true).values()) highestId = Math.max(highestId, id)
  return {
    kind: 'huggingface',
    hf,
    vocabSize: highestId + 1,
    bos,
    eos,
    encode: (text, encodeOptions = {}) => {
      const ids = text === '' ? [] : hf.encode(text, { add_special_tokens: false }).ids
      return encodeOptions.bos ? [bos, ...ids] : ids
    },
    decode: (ids) => (ids.length === 0 ? '' : hf.decode([...ids], { skip_special_tokens: true })),
  }
}

function tokenOf(hf: HfTokenizer, tokenizerConfig: object, key: string): number | undefined {
  const value = (tokenizerConfig as Record<string, unknown>)[key]
  const content =
    typeof value === 'string' ? value : (value as { content?: unknown } | null | undefined)?.content
  return typeof content === 'string' ? hf.token_to_id(content) : undefined
}
