import { type DevnetServer, startDevnetServer } from '@openledger/chain'
import { PortInUseError } from './errors.js'

/** Starts the devnet server (an empty block whenever idle for a second), turning a taken port into one clear error. */
export async function startDevnet(options: {
  port: number
  host: string
  chainId?: number
  accounts?: number
}): Promise<DevnetServer> {
  try {
    return await startDevnetServer({
      port: options.port,
      host: options.host,
      // Block time follows the clock while the stack is idle, so fee epochs finalise when their window ends.
      idleBlockSeconds: 1,
      ...(options.chainId ? { chainId: options.chainId } : {}),
      ...(options.accounts ? { accountCount: options.accounts } : {}),
    })
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EADDRINUSE')
      throw new PortInUseError(options.host, options.port)
    throw error
  }
}
