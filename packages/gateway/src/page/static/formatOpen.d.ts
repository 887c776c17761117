/** See `formatOpen.js`: wei (decimal string or bigint) as OPEN, exact, e.g. `'0.0015'`. */
export declare function formatOpen(wei: string | bigint): string
