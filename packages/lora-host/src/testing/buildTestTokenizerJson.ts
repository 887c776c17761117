const SPECIALS = ['<unk>', '<s>', '</s>']
const SPACE = '\u2581'
const CHARS = [SPACE, ..."abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ.,!?'"]
const WORDS = [
  'once',
  'upon',
  'a',
  'time',
  'there',
  'was',
  'little',
  'girl',
  'named',
  'lily',
  'she',
  'the',
  'and',
  'to',
  'play',
]

/** The smallest vocabulary `buildTestTokenizerJson` accepts: specials, 256 byte tokens and single characters. */
export const TEST_TOKENIZER_MIN_VOCAB = SPECIALS.length + 256 + CHARS.length

/**
 * A Llama-style `tokenizer.json` (BPE with byte fallback, `▁` for spaces, SentencePiece's dummy prefix)
 * of exactly `vocabSize` tokens: `<unk>`, `<s>`, `</s>`, the 256 `<0xXX>` byte tokens, letters and a
 * little punctuation, then merges building common English words until the vocabulary is full.
 *
 * @example
 * const json = buildTestTokenizerJson(384)
 */
export function buildTestTokenizerJson(vocabSize: number): object {
  if (!Number.isInteger(vocabSize) || vocabSize < TEST_TOKENIZER_MIN_VOCAB) {
    throw new RangeError(
      `The test tokenizer needs a vocabulary of at least ${TEST_TOKENIZER_MIN_VOCAB} tokens.`,
    )
  }
  const bytes = Array.from({ length: 256 }, (_, b) => `<0x${b.toString(16).toUpperCase().padStart(2, '0')}>`)
  const pieces = [...SPECIALS, ...bytes, ...CHARS]
  const known = new Set(pieces)
  const merges: [string, string][] = []
  const candidates = [...WORDS, ...WORDS.map((w) => w[0]!.toUpperCase() + w.slice(1))]
  for (const word of candidates) {
    let prefix = SPACE
    for (const char of word) {
      if (pieces.length >= vocabSize) break
      const merged = prefix + char
      if (!known.has(merged)) {
        known.add(merged)
        pieces.push(merged)
        merges.push([prefix, char])
      }
      prefix = merged
    }
  }
  for (let n = 0; pieces.length < vocabSize; n++) pieces.push(`<extra_${n}>`)
  return {
    version: '1.0',
    truncation: null,
    padding: null,
    added_tokens: SPECIALS.map((content, id) => ({
      id,
      content,
      single_word: false,
      lstrip: false,
      rstrip: false,
      normalized: false,
      special: true,
    })),
    normalizer: {
      type: 'Sequence',
      normalizers: [
        { type: 'Prepend', prepend: SPACE },
        { type: 'Replace', pattern: { String: ' ' }, content: SPACE },
      ],
    },
    pre_tokenizer: null,
    post_processor: null,
    decoder: {
      type: 'Sequence',
      decoders: [
        { type: 'Replace', pattern: { String: SPACE }, content: ' ' },
        { type: 'ByteFallback' },
        { type: 'Fuse' },
        { type: 'Strip', content: ' ', start: 1, stop: 0 },
      ],
    },
    model: {
      type: 'BPE',
      dropout: null,
      unk_token: '<unk>',
      continuing_subword_prefix: null,
      end_of_word_suffix: null,
      fuse_unk: true,
      byte_fallback: true,
      ignore_merges: false,
      vocab: Object.fromEntries(pieces.map((piece, id) => [piece, id])),
      merges,
    },
  }
}
