/** See `formatShare.js`: a 1e18 fixed-point share as a percentage, e.g. `'75.00%'`. */
export declare function formatShare(share: string | bigint): string
