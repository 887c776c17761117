let lastMs = 0
let sameMs = 0

/**
 * A metering time that sorts as text in the order this process metered: the ISO time, then a counter for
 * receipts metered within the same millisecond (`2026-11-23T19:41:48.123Z#000002`). Receipts metered by
 * different processes in the same millisecond fall back to their ids.
 */
export function meteredAt(now = Date.now()): string {
  if (now === lastMs) sameMs++
  else {
    lastMs = now
    sameMs = 0
  }
  return `${new Date(now).toISOString()}#${String(sameMs).padStart(6, '0')}`
}
