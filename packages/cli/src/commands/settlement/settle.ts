import { ledgerOf, reconcileLedger, type Settler, settleNextEpoch } from '@openledger/settlement'
import type { Command } from 'commander'
import { type KeyCommandOptions, withKey } from '../../commonOptions.js'
import { type Context, connectDeployment, rpcUrlOf, withStore } from '../../context.js'
import { formatOpen } from '../../format.js'
import { parseIntegerIn } from '../../options.js'
import { waitForShutdown } from '../../shutdown.js'
import { settlerFor } from './settlerFor.js'
import { startSettlementInCli } from './startSettlementInCli.js'

type SettleOptions = KeyCommandOptions & { once?: boolean; epochSeconds: number; epochReceipts: number }

/** `openledger settle [--once]`: the settlement worker until Ctrl-C, or what waits in the ledger once. */
export function settleCommand(program: Command, context: Context): void {
  withKey(program.command('settle'), 'settler key (devnet default: dev account 9)')
    .description(
      'Run the settlement worker: reconcile the ledger with FeeRouter, meter the usage queue, settle an epoch every --epoch-seconds or --epoch-receipts. With --once: settle what waits in the ledger and exit.',
    )
    .option('--once', 'reconcile, settle every waiting epoch, and exit (no Redis needed)')
    .option('--epoch-seconds <n>', 'close an epoch at least this often', parseIntegerIn(1, 86_400), 60)
    .option(
      '--epoch-receipts <n>',
      'close an epoch as soon as this many receipts wait',
      parseIntegerIn(1, 10_000),
      1_000,
    )
    .action(async (options: SettleOptions) => {
      const deployment = await connectDeployment(context, rpcUrlOf(context, options.rpcUrl))
      await withStore(context, async (store) => {
        const settler = settlerFor(context, options, deployment, store)
        if (options.once) return settleWaiting(context, settler)
        const worker = await startSettlementInCli(context, settler, options)
        context.io.out(
          `Settling every ${options.epochSeconds} s or ${options.epochReceipts} receipts. Press Ctrl-C to stop.`,
        )
        await waitForShutdown()
        await worker.close()
        context.io.out('Stopped.')
      })
    })
}

/** Reconciles, then settles epoch after epoch until no receipt waits. */
async function settleWaiting(context: Context, settler: Settler): Promise<void> {
  const reconciled = await reconcileLedger(settler)
  context.io.out(`Ledger reconciled with FeeRouter at epoch ${reconciled.chainLastEpoch}.`)
  let settled = 0
  for (let next = await settleNextEpoch(settler); next; next = await settleNextEpoch(settler)) {
    const { epoch } = next
    context.io.out(
      `Settled epoch ${epoch.epoch}: ${epoch.receiptCount} receipts, ${formatOpen(epoch.totalFees)} in ${epoch.txHash}.`,
    )
    settled++
  }
  if (settled === 0)
    context.io.out(`Nothing to settle: no metered receipt waits in ledger ${ledgerOf(settler).feeRouter}.`)
}
