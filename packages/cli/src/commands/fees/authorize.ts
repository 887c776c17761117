import { authorizeCharges } from '@openledger/staking'
import type { Command } from 'commander'
import { type KeyCommandOptions, withKey } from '../../commonOptions.js'
import type { Context } from '../../context.js'
import { formatOpen, formatPeriod } from '../../format.js'
import { parseDuration, parseOpen } from '../../options.js'
import { payer } from './payer.js'

type AuthorizeOptions = KeyCommandOptions & { perPeriod: bigint; period?: bigint }

/** The default period: a day (a bigint default would break commander's help, which prints defaults as JSON). */
const DAY = 86_400n

/** `openledger fees authorize --per-period <OPEN> --period <duration>`: the payer's charge cap. */
export function feesAuthorizeCommand(fees: Command, context: Context): void {
  withKey(fees.command('authorize'), 'payer key')
    .description(
      "Let settlement charge the key's prepaid balance at most --per-period OPEN every --period (0 withdraws it); without it nothing can be charged and gateways do not serve the key.",
    )
    .requiredOption('--per-period <OPEN>', 'the most settlement may charge per period (0: none)', parseOpen)
    .option('--period <duration>', 'seconds, or e.g. 1h, 24h, 7d (default: 24h)', parseDuration)
    .action(async (options: AuthorizeOptions) => {
      const { connection, manifest, account } = await payer(context, options)
      const { perPeriod, period = DAY } = options
      const { hash } = await authorizeCharges(connection, manifest.contracts, { account, perPeriod, period })
      context.io.out(
        perPeriod === 0n
          ? `Withdrew ${account.address}'s charge authorisation in ${hash}: nothing can be charged now.`
          : `Authorised charges of up to ${formatOpen(perPeriod)} every ${formatPeriod(period)} on ${account.address} in ${hash}.`,
      )
    })
}
