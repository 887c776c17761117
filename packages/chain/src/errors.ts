import { BaseError } from '@openledger/errors'
import type { Address, Hex } from 'viem'

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
  constructor(safeTxHash: Hex, txHash: Hex) {
    super(`Safe transaction ${safeTxHash} was mined in ${txHash} but its inner call failed.`)
  }
}
