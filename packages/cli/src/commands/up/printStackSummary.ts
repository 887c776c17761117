import type { Context } from '../../context.js'
import { printAccounts } from '../devnet/printAccounts.js'
import { agentLines } from './agents/agentLines.js'
import type { RunningStack } from './startStack.js'
import type { UpOptions } from './upOptions.js'
import { whyNoGateway } from './whyNoGateway.js'

/** The summary `up` prints once everything runs: where each part listens, the agents, the dev accounts. */
export function printStackSummary(
  context: Context,
  options: UpOptions,
  running: RunningStack,
  written: { seconds: string; stackPath: string },
): void {
  const { server, connection, manifest, lora, agents } = running
  const { treasurySafe } = manifest
  const out = (line: string) => context.io.out(line)
  out('')
  out(`OpenLedger stack is up (${written.seconds} s, ${running.reused ? 'reused' : 'fresh'} deployment)`)
  out(`  RPC            ${server.url}  (chain ${connection.chainId})`)
  out(
    `  treasury Safe  ${treasurySafe.address}  (${treasurySafe.threshold} of ${treasurySafe.owners.length})`,
  )
  out(`  OpenToken      ${manifest.contracts.OpenToken}`)
  out(`  lora-host      ${lora.line}`)
  out(`  settlement     ${running.settlementLine}`)
  if (agents) for (const line of agentLines(agents)) out(line)
  else out(`  gateway        not started: ${whyNoGateway(options, lora.host, running.stack)}`)
  out(`  stack file     ${written.stackPath}`)
  out(`  manifest       ${running.manifestPath}`)
  printAccounts(context, server)
}
