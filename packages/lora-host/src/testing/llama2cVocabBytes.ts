/**
 * A llama2.c tokenizer file from pieces and scores (for tests that need a vocabulary of their own).
 * String pieces are written as UTF-8.
 *
 * @example
 * readLlama2cVocab(llama2cVocabBytes([{ piece: '<unk>', score: 0 }, { piece: 'a', score: -1 }]))
 */
export function llama2cVocabBytes(
  tokens: readonly { piece: string | Uint8Array; score: number }[],
): Uint8Array {
  const pieces = tokens.map(({ piece }) =>
    typeof piece === 'string' ? new TextEncoder().encode(piece) : piece,
  )
  const out = new Uint8Array(4 + pieces.reduce((n, p) => n + 8 + p.length, 0))
  const view = new DataView(out.buffer)
  view.setInt32(0, Math.max(0, ...pieces.map((p) => p.length)), true)
  let at = 4
  tokens.forEach(({ score }, i) => {
    const piece = pieces[i]!
    view.setFloat32(at, score, true)
    view.setInt32(at + 4, piece.length, true)
    out.set(piece, at + 8)
    at += 8 + piece.length
  })
  return out
}
