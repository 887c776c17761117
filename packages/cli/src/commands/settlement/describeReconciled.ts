import type { ReconcileReport } from '@openledger/settlement'

/** The line saying what reconciling the ledger with FeeRouter found. */
export function describeReconciled(reconciled: ReconcileReport): string {
  const found = [
    reconciled.confirmed.length
      ? `confirmed epochs ${reconciled.confirmed.join(', ')} posted before a crash`
      : '',
    reconciled.finalized.length ? `marked epochs ${reconciled.finalized.join(', ')} final` : '',
    reconciled.vetoed.length ? `marked epochs ${reconciled.vetoed.join(', ')} vetoed` : '',
  ].filter(Boolean)
  return `Ledger reconciled with FeeRouter at epoch ${reconciled.chainLastEpoch}${found.map((f) => `; ${f}`).join('')}.`
}
