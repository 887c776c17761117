import type { ChainConnection, Manifest } from '@openledger/chain'
import {
  type ProposeAdminParameters,
  type ProposeAdminReturnType,
  proposeAppointSettler,
  proposeRemoveSettler,
  proposeSetDisputeWindow,
  proposeSetMinSettlerBond,
} from '@openledger/staking'
import type { Store } from '@openledger/store'
import type { Command } from 'commander'
import type { Address } from 'viem'
import { type KeyCommandOptions, withKey } from '../../commonOptions.js'
import { type Context, connectDeployment, resolveKey, rpcUrlOf, withStore } from '../../context.js'
import { formatDuration, formatOpen } from '../../format.js'
import { parseAddress, parseDuration, parseOpen } from '../../options.js'

type Propose = (
  connection: ChainConnection,
  store: Store,
  safe: ProposeAdminParameters,
) => Promise<ProposeAdminReturnType>

/** Proposes one admin call to the treasury Safe as the proposing owner, and says what the owners do next. */
async function proposeToSafe(context: Context, options: KeyCommandOptions, what: string, propose: Propose) {
  const { connection, manifest } = await connectDeployment(context, rpcUrlOf(context, options.rpcUrl))
  const safe = safeOf(manifest, resolveKey(context, options, connection.chainId, 'proposer'))
  const { safeTxHash, nonce } = await withStore(context, (store) => propose(connection, store, safe))
  context.io.out(
    `Proposed ${safeTxHash} (nonce ${nonce}), ${what}; signed 1 of ${manifest.treasurySafe.threshold}.`,
  )
  context.io.out(
    `Next: other owners run \`openledger safe sign ${safeTxHash}\`, then \`openledger safe execute ${safeTxHash}\`.`,
  )
}

const safeOf = (manifest: Manifest, proposerKey: `0x${string}`): ProposeAdminParameters => ({
  infrastructure: manifest.safe,
  safeAddress: manifest.treasurySafe.address,
  contracts: manifest.contracts,
  proposerKey,
})

const OWNER = 'proposing owner key'

/**
 * The settler group's treasury Safe proposals: `appoint <address>`, `remove <address>`,
 * `set-dispute-window <duration>`, `set-min-bond <OPEN>`.
 */
export function settlerProposalCommands(settler: Command, context: Context): void {
  withKey(settler.command('appoint').argument('<address>', 'the new settler', parseAddress), OWNER)
    .description('Propose to the treasury Safe appointing a settler (FeeRouter SETTLER_ROLE).')
    .action((account: Address, options: KeyCommandOptions) =>
      proposeToSafe(context, options, `appointing ${account} as a settler`, (connection, store, safe) =>
        proposeAppointSettler(connection, store, { ...safe, settler: account }),
      ),
    )
  withKey(settler.command('remove').argument('<address>', 'the settler to remove', parseAddress), OWNER)
    .description('Propose to the treasury Safe removing a settler; its bond stays withdrawable.')
    .action((account: Address, options: KeyCommandOptions) =>
      proposeToSafe(context, options, `removing ${account} as a settler`, (connection, store, safe) =>
        proposeRemoveSettler(connection, store, { ...safe, settler: account }),
      ),
    )
  withKey(
    settler
      .command('set-dispute-window')
      .argument('<duration>', 'seconds, or e.g. 10m, 24h, 2d', parseDuration),
    OWNER,
  )
    .description('Propose to the treasury Safe the dispute window of epochs posted from then on.')
    .action((disputeWindow: bigint, options: KeyCommandOptions) =>
      proposeToSafe(
        context,
        options,
        `setting the dispute window to ${formatDuration(disputeWindow)}`,
        (connection, store, safe) => proposeSetDisputeWindow(connection, store, { ...safe, disputeWindow }),
      ),
    )
  withKey(settler.command('set-min-bond').argument('<amountOPEN>', 'the minimum bond', parseOpen), OWNER)
    .description('Propose to the treasury Safe the bond a settler must hold to post an epoch.')
    .action((minSettlerBond: bigint, options: KeyCommandOptions) =>
      proposeToSafe(
        context,
        options,
        `setting the minimum settler bond to ${formatOpen(minSettlerBond)}`,
        (connection, store, safe) => proposeSetMinSettlerBond(connection, store, { ...safe, minSettlerBond }),
      ),
    )
}
