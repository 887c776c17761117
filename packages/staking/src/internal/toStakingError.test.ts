import { ContractCallRevertedError } from '@openledger/chain'
import { feeRouterAbi } from '@openledger/contracts'
import { type AbiParameter, keccak256, toHex } from 'viem'
import { describe, expect, it } from 'vitest'
import { StakingRevertError, UnauthorizedError } from '../errors/staking.js'
import { toStakingError } from './toStakingError.js'

/** FeeRouter errors with nothing for a caller to act on: they stay a `StakingRevertError`. */
const untyped = new Set([
  'AccessControlBadConfirmation',
  'FeeRouterInvalidConfig',
  'ReentrancyGuardReentrantCall',
  'SafeCastOverflowedUintDowncast',
  'SafeERC20FailedOperation',
])

const sample = (input: AbiParameter, i: number): unknown => {
  if (input.type === 'address') return `0x${String(i + 1).repeat(40)}`
  if (input.type === 'bytes32') return keccak256(toHex('SETTLER_ROLE'))
  return BigInt(i + 7)
}
const revert = (errorName: string, args: readonly unknown[]) =>
  new ContractCallRevertedError({ errorName, args, functionName: 'postEpoch' })

describe('toStakingError', () => {
  const errors = feeRouterAbi.filter(
    (item): item is Extract<(typeof feeRouterAbi)[number], { type: 'error' }> =>
      item.type === 'error' && !untyped.has(item.name),
  )

  it.each(errors.map((e) => [e.name, e] as const))('types %s', (_name, error) => {
    const args = error.inputs.map(sample)
    const typed = toStakingError(revert(error.name, args))
    expect(typed).not.toBeInstanceOf(StakingRevertError)
    expect(typed).toBeInstanceOf(Error)
    expect((typed as Error).cause).toBeInstanceOf(ContractCallRevertedError)
  })

  it('names the role AccessControl says the caller lacks, or the hash of one it does not know', () => {
    const caller = '0x1111111111111111111111111111111111111111'
    const settler = toStakingError(
      revert('AccessControlUnauthorizedAccount', [caller, keccak256(toHex('SETTLER_ROLE'))]),
    )
    expect(settler).toBeInstanceOf(UnauthorizedError)
    expect(settler).toMatchObject({ caller, role: 'SETTLER_ROLE' })
    const unknown = keccak256(toHex('OTHER_ROLE'))
    expect(toStakingError(revert('AccessControlUnauthorizedAccount', [caller, unknown]))).toMatchObject({
      role: unknown,
    })
  })

  it("names AgentStaking's and AgentRegistry's roles too", () => {
    const caller = '0x1111111111111111111111111111111111111111'
    for (const role of ['CHALLENGE_RESOLVER_ROLE', 'PARAMETERS_ROLE', 'PAUSER_ROLE']) {
      const typed = toStakingError(
        revert('AccessControlUnauthorizedAccount', [caller, keccak256(toHex(role))]),
      )
      expect(typed).toBeInstanceOf(UnauthorizedError)
      expect(typed).toMatchObject({ caller, role })
    }
  })

  it('keeps the values of a revert in the typed error', () => {
    const typed = toStakingError(revert('FeeRouterDisputeWindowOpen', [4n, 1_700_000_000n]))
    expect(typed).toMatchObject({ name: 'DisputeWindowOpenError', epoch: 4n })
    expect((typed as { finalizesAt: Date }).finalizesAt.toISOString()).toBe('2023-11-14T22:13:20.000Z')
    expect(toStakingError(revert('FeeRouterUnknownError', [1n]))).toBeInstanceOf(StakingRevertError)
  })
})
