import { BaseError } from '@openledger/errors'

/** `deploy` lacks what it needs off the devnet (owners, genesis, settler), or cannot read the genesis file. */
export class DeployConfigError extends BaseError {
  override name = 'DeployConfigError'
}
