import type { Command } from 'commander'
import type { KeyOptions } from './context.js'
import { parseIntegerIn, parsePrivateKey, parseRpcUrl } from './options.js'

/** What `withKey` adds to a command's options: `--rpc-url`, and the key (`resolveKey` reads it). */
export type KeyCommandOptions = KeyOptions & { rpcUrl?: string }

/** `--rpc-url`, for commands that read the deployment. */
export function withRpcUrl(command: Command): Command {
  return command.option(
    '--rpc-url <url>',
    'JSON-RPC URL (default: RPC_URL, else the local devnet)',
    parseRpcUrl,
  )
}

/** `--rpc-url`, `--private-key` and `--dev-account`, for commands that sign (`resolveKey` reads them). */
export function withKey(command: Command, keyHelp: string): Command {
  return withRpcUrl(command)
    .option('--private-key <key>', `${keyHelp} (default: OPENLEDGER_PRIVATE_KEY)`, parsePrivateKey)
    .option('--dev-account <n>', `use this dev account's key (devnet only)`, parseIntegerIn(0, 99))
}
