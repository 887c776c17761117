import { proposeSafeTransaction } from '@openledger/chain'
import { type Command, InvalidArgumentError } from 'commander'
import { type KeyCommandOptions, withKey } from '../../commonOptions.js'
import { type Context, connectDeployment, resolveKey, rpcUrlOf, withStore } from '../../context.js'
import { parseAddress, parseHexData, parseWei } from '../../options.js'
import { type CallOptions, callsOf } from './callsOf.js'

type ProposeOptions = KeyCommandOptions & CallOptions & { nonce?: bigint }

function parseOpenAmount(value: string): string {
  if (!/^\d+(\.\d{1,18})?$/.test(value))
    throw new InvalidArgumentError(`"${value}" is not an amount of OPEN.`)
  return value
}

/** `openledger safe propose …`: proposes a treasury Safe transaction, signed by the proposing owner. */
export function safeProposeCommand(safe: Command, context: Context): void {
  withKey(safe.command('propose'), 'proposing owner key')
    .description('Propose a treasury Safe transaction, signed by the proposing owner.')
    .option('--to <address>', 'call target', parseAddress)
    .option('--value <wei>', 'ether to send, in wei', parseWei)
    .option('--data <hex>', 'calldata', parseHexData)
    .option(
      '--send-open <recipient>',
      'shortcut: transfer OPEN from the treasury to this address',
      parseAddress,
    )
    .option('--amount <OPEN>', 'OPEN to transfer with --send-open', parseOpenAmount)
    .option('--description <text>', 'what it is for')
    .option('--nonce <n>', 'Safe nonce (default: the next free one)', parseWei)
    .action(async (options: ProposeOptions) => {
      const { connection, manifest } = await connectDeployment(context, rpcUrlOf(context, options.rpcUrl))
      const proposerKey = resolveKey(context, options, connection.chainId, 'proposer')
      const { calls, description = options.description } = callsOf(options, manifest.contracts.OpenToken)
      const { safeTxHash, nonce } = await withStore(context, (store) =>
        proposeSafeTransaction(connection, store, {
          infrastructure: manifest.safe,
          safeAddress: manifest.treasurySafe.address,
          proposerKey,
          calls,
          ...(description ? { description } : {}),
          ...(options.nonce !== undefined ? { nonce: options.nonce } : {}),
        }),
      )
      context.io.out(
        `Proposed ${safeTxHash} (nonce ${nonce}), signed 1 of ${manifest.treasurySafe.threshold}.`,
      )
    })
}
