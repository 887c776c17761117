/** See `highlightSpans.js`: the answer cut into segments, each with the spans covering it. */
export declare function highlightSpans<S extends { start: number; end: number }>(
  text: string,
  spans: readonly S[],
): { text: string; spans: S[] }[]
