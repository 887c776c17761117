import { BaseError } from '@openledger/errors'

/** The devnet's port is taken (another devnet, most likely). */
export class PortInUseError extends BaseError {
  override name = 'PortInUseError'
  constructor(host: string, port: number) {
    super(
      `${host}:${port} is in use; is another devnet running? Pick another with --port (0 for any free port).`,
    )
  }
}
