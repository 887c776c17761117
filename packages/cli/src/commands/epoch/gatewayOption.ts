import type { Command } from 'commander'
import type { Context } from '../../context.js'
import { parseRpcUrl } from '../../options.js'

export type GatewayOptions = { gateway?: string }

/** `--gateway <url>`: where the epochs' receipts are published (default: the local gateway's port). */
export function withGateway(command: Command): Command {
  return command.option(
    '--gateway <url>',
    'gateway that publishes the receipts (default: http://127.0.0.1:GATEWAY_PORT)',
    parseRpcUrl, // any http(s) URL
  )
}

export function gatewayOf(context: Context, options: GatewayOptions): string {
  return options.gateway ?? `http://127.0.0.1:${context.env.GATEWAY_PORT}`
}
