import { BaseError } from '@openledger/errors'
import type { Address, Hex, TransactionReceipt } from 'viem'

export class RpcUnreachableError extends BaseError {
  override name = 'RpcUnreachableError'
  constructor(url: string, cause?: unknown) {
    super(`RPC URL ${url} is unreachable.`, {
      cause,
      metaMessages: ['Start a devnet with `openledger devnet`, or pass the URL of a running EVM node.'],
    })
  }
}

export class ManifestCodeMissingError extends BaseError {
  override name = 'ManifestCodeMissingError'
  constructor(chainId: number, missing: { name: string; address: Address }[]) {
    const list = missing.map((m) => `${m.name} ${m.address}`).join(', ')
    super(`Deployment manifest for chain ${chainId} names addresses with no code on the chain: ${list}.`, {
      metaMessages: ['The chain was reset or the RPC URL points at another chain; redeploy with --redeploy.'],
    })
  }
}

export class ManifestNotFoundError extends BaseError {
  override name = 'ManifestNotFoundError'
  constructor(path: string) {
    super(`No deployment manifest at ${path}.`, { metaMessages: ['Run `openledger deploy` first.'] })
  }
}

export class ManifestInvalidError extends BaseError {
  override name = 'ManifestInvalidError'
  constructor(path: string, details: string) {
    super(`Deployment manifest ${path} is invalid: ${details}.`)
  }
}

export class ChainIdMismatchError extends BaseError {
  override name = 'ChainIdMismatchError'
  constructor(expected: number, actual: number) {
    super(`Chain id mismatch: expected ${expected}, the RPC answers ${actual}.`)
  }
}

export class GenesisTableError extends BaseError {
  override name = 'GenesisTableError'
  constructor(reason: string) {
    super(`Invalid genesis allocation table: ${reason}.`)
  }
}

export class SafeConfigError extends BaseError {
  override name = 'SafeConfigError'
  constructor(reason: string) {
    super(`Invalid Safe configuration: ${reason}.`)
  }
}

export class NotSafeOwnerError extends BaseError {
  override name = 'NotSafeOwnerError'
  constructor(signer: Address, safe: Address) {
    super(`${signer} is not an owner of Safe ${safe}.`)
  }
}

export class SafeInsufficientSignaturesError extends BaseError {
  override name = 'SafeInsufficientSignaturesError'
  constructor(safeTxHash: Hex, have: number, threshold: number) {
    super(`Safe transaction ${safeTxHash} has ${have} of ${threshold} required signatures.`, {
      metaMessages: ['Collect more owner signatures with `openledger safe sign` first.'],
    })
  }
}

export class SafeTransactionUnknownError extends BaseError {
  override name = 'SafeTransactionUnknownError'
  constructor(safeTxHash: string) {
    super(`No proposed Safe transaction ${safeTxHash} in the store.`)
  }
}

export class SafeNonceUsedError extends BaseError {
  override name = 'SafeNonceUsedError'
  constructor(safeTxHash: Hex, nonce: bigint, safeNonce: bigint) {
    super(`Safe transaction ${safeTxHash} has nonce ${nonce}, but the Safe is at nonce ${safeNonce} already.`)
  }
}

/**
 * A proposer that is not an owner (an agent asking for more than its allowance) has `pending` unsigned
 * proposals awaiting the owners on `safeAddress` already, at the `limit`: the new one is refused until the
 * owners sign, execute or pass over one of them.
 */
export class SafeProposalLimitError extends BaseError {
  override name = 'SafeProposalLimitError'
  readonly proposer: Address
  readonly safeAddress: Address
  readonly limit: number
  readonly pending: number
  constructor(parameters: { proposer: Address; safeAddress: Address; limit: number; pending: number }) {
    const { proposer, safeAddress, limit, pending } = parameters
    super(
      `${proposer} has ${pending} unsigned proposals pending on Safe ${safeAddress}, the most allowed (${limit}): the owners must deal with one first.`,
    )
    this.proposer = proposer
    this.safeAddress = safeAddress
    this.limit = limit
    this.pending = pending
  }
}

export class SafeNonceNotReadyError extends BaseError {
  override name = 'SafeNonceNotReadyError'
  constructor(safeTxHash: Hex, nonce: bigint, safeNonce: bigint) {
    super(
      `Safe transaction ${safeTxHash} has nonce ${nonce}; the Safe's nonce ${safeNonce} must execute first.`,
    )
  }
}

export class SafeExecutionFailedError extends BaseError {
  override name = 'SafeExecutionFailedError'
  constructor(safeTxHash: Hex, txHash: Hex, cause?: unknown) {
    super(`Safe transaction ${safeTxHash} was mined in ${txHash} but its inner call failed.`, { cause })
  }
}

/**
 * A contract call or transaction the chain refused: in simulation (nothing was sent) or mined with status
 * `reverted` (`hash` and `receipt` set). `errorName` and `args` are the contract's decoded error (`Error` with
 * the reason string for a `require` message, `Panic` with its code); `errorName` is undefined when the revert
 * carried no data this ABI decodes. `cause` is viem's error, when there was one.
 *
 * @example
 * try {
 *   await sendContractCall(connection, { account, address: token, abi: openTokenAbi, functionName: 'transfer', args })
 * } catch (error) {
 *   if (error instanceof ContractCallRevertedError && error.errorName === 'ERC20InsufficientBalance')
 *     console.error(`balance ${error.args[1]}, needed ${error.args[2]}`)
 * }
 */
export class ContractCallRevertedError extends BaseError {
  override name = 'ContractCallRevertedError'
  readonly errorName: string | undefined
  readonly args: readonly unknown[]
  /** The `require` message or the panic's meaning, for `Error` and `Panic` reverts. */
  readonly reason: string | undefined
  readonly contractAddress: Address | undefined
  readonly functionName: string | undefined
  /** The mined transaction that reverted; undefined when nothing was mined. */
  readonly hash: Hex | undefined
  readonly receipt: TransactionReceipt | undefined

  constructor(parameters: {
    errorName?: string | undefined
    args?: readonly unknown[] | undefined
    reason?: string | undefined
    contractAddress?: Address | undefined
    functionName?: string | undefined
    hash?: Hex | undefined
    receipt?: TransactionReceipt | undefined
    cause?: unknown
  }) {
    const { errorName, args = [], reason, contractAddress, functionName, hash, receipt, cause } = parameters
    const subject =
      functionName === 'constructor'
        ? 'Contract creation'
        : functionName
          ? `${functionName}${contractAddress ? ` on ${contractAddress}` : ''}`
          : hash
            ? `Transaction ${hash}`
            : 'The call'
    const outcome =
      errorName === undefined
        ? ' without a reason'
        : reason !== undefined
          ? `: ${reason}`
          : ` with ${errorName}(${args.map(formatRevertArg).join(', ')})`
    super(`${subject} reverted${outcome}.`, {
      cause,
      metaMessages: hash ? [`Mined in transaction ${hash}.`] : undefined,
    })
    this.errorName = errorName
    this.args = args
    this.reason = reason
    this.contractAddress = contractAddress
    this.functionName = functionName
    this.hash = hash
    this.receipt = receipt
  }
}

function formatRevertArg(value: unknown): string {
  if (typeof value === 'string' || typeof value === 'bigint') return String(value)
  return JSON.stringify(value, (_, v) => (typeof v === 'bigint' ? v.toString() : v)) ?? String(value)
}

/**
 * A transaction that succeeded but lacks the event its result is read from (the address holds another
 * contract than the one expected).
 *
 * @example
 * if (error instanceof MissingEventError) console.error(`${error.eventName} missing in ${error.hash}`)
 */
export class MissingEventError extends BaseError {
  override name = 'MissingEventError'
  readonly hash: Hex
  readonly eventName: string

  constructor(functionName: string, hash: Hex, eventName: string) {
    super(`${functionName} ${hash} emitted no ${eventName} event.`)
    this.hash = hash
    this.eventName = eventName
  }
}

/**
 * A deployment that was mined but did not create what it should: no contract address in the receipt, or no
 * Safe at the predicted address.
 *
 * @example
 * if (error instanceof DeploymentFailedError) console.error(error.hash)
 */
export class DeploymentFailedError extends BaseError {
  override name = 'DeploymentFailedError'
  readonly hash: Hex

  constructor(what: string, hash: Hex, problem: string) {
    super(`Deployment of ${what} in ${hash} failed: ${problem}.`)
    this.hash = hash
  }
}

/**
 * A dev account index outside the mnemonic's derivable keys.
 *
 * @example
 * if (error instanceof DevAccountError) console.error(error.shortMessage)
 */
export class DevAccountError extends BaseError {
  override name = 'DevAccountError'
  constructor(addressIndex: number) {
    super(`No private key at dev account index ${addressIndex}.`)
  }
}

/**
 * protocol-kit signed a Safe transaction but returned no signature for the signer.
 *
 * @example
 * if (error instanceof SafeSignatureMissingError) console.error(error.signer)
 */
export class SafeSignatureMissingError extends BaseError {
  override name = 'SafeSignatureMissingError'
  readonly signer: Address
  constructor(signer: Address) {
    super(`protocol-kit returned no signature for ${signer}.`)
    this.signer = signer
  }
}

/**
 * For tests: `revertOf` awaited a call that was expected to revert, but it succeeded.
 *
 * @example
 * await expect(revertOf(Promise.resolve())).rejects.toMatchObject({ name: 'NoRevertError' })
 */
export class NoRevertError extends BaseError {
  override name = 'NoRevertError'
  constructor() {
    super('expected a revert, but it succeeded')
  }
}

/** For the contract tests' invariant runs: an action of a kind the runner does not handle. */
export class UnknownActionError extends BaseError {
  override name = 'UnknownActionError'
  constructor(runner: string, kind: string) {
    super(`not a ${runner} action: ${kind}`)
  }
}

/** For the FeeRouter tests: a proof asked for an account the payouts tree does not hold. */
export class NotInPayoutsTreeError extends BaseError {
  override name = 'NotInPayoutsTreeError'
  constructor(account: Address, empty: boolean) {
    super(`${account} is not in the ${empty ? '(empty) ' : ''}payouts tree`)
  }
}

/**
 * Something public (a dev mnemonic key, a default derived from it) was about to act on a chain other than the
 * devnet's; `what` names it, `hint` where the real key comes from.
 */
export class DevnetOnlyError extends BaseError {
  override name = 'DevnetOnlyError'
  readonly chainId: number
  readonly what: string
  constructor(chainId: number, what: string, hint?: string) {
    super(
      `${what} is public (from the dev mnemonic): devnet only (chain 31337), and this chain is ${chainId}${hint ? `; ${hint}` : ''}.`,
    )
    this.chainId = chainId
    this.what = what
  }
}

/** A keystore file is not Web3 Secret Storage v3 JSON this reader handles; `reason` says what is off. */
export class KeystoreInvalidError extends BaseError {
  override name = 'KeystoreInvalidError'
  constructor(source: string, reason: string) {
    super(`Keystore ${source} is invalid: ${reason}.`)
  }
}

/** The passphrase does not open the keystore (its MAC does not match). */
export class KeystorePasswordError extends BaseError {
  override name = 'KeystorePasswordError'
  constructor(source: string) {
    super(`Wrong passphrase for keystore ${source} (its MAC does not match).`)
  }
}

/** No keystore of that name under the keys folder. */
export class KeystoreNotFoundError extends BaseError {
  override name = 'KeystoreNotFoundError'
  constructor(path: string) {
    super(
      `No keystore at ${path}; create one with \`openledger keys create <name>\` or \`keys import <name>\`.`,
    )
  }
}

/** `keys create`/`import` would overwrite a keystore that already exists. */
export class KeystoreExistsError extends BaseError {
  override name = 'KeystoreExistsError'
  constructor(path: string) {
    super(`A keystore already exists at ${path}; pick another name or remove it first.`)
  }
}
