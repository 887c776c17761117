import { randomBytes } from 'node:crypto'
import {
  type ChainConnection,
  MissingEventError,
  readContractCall,
  sendContractCall,
} from '@openledger/chain'
import { agentStakingAbi } from '@openledger/contracts'
import { type Hex, parseEventLogs, toHex } from 'viem'
import { stakingAbi } from '../internal/abis.js'
import { sendPaying } from '../internal/sendPaying.js'
import { withStakingErrors } from '../internal/withStakingErrors.js'
import type { StakingContracts, WriteParameters, WriteReturnType } from '../types.js'

export type ChallengeAgentParameters = WriteParameters & {
  agentId: bigint
  /** A hash of the evidence (receipts, transcripts) kept off-chain. */
  evidenceHash: Hex
}
export type ChallengeAgentReturnType = WriteReturnType & {
  challengeId: bigint
  bond: bigint
  /** Unix seconds after which the challenge expires unresolved (its bond then goes back). */
  expiresAt: bigint
}

/**
 * Opens a challenge against an agent in two steps, so nobody can copy it from the mempool: it commits to
 * `(account, agentId, evidenceHash, salt)` with a fresh random salt, then, once that is mined, reveals it (so in a later block) with the
 * challenge bond (AgentStaking's `challengeBond`, approved first when the allowance is short). The bond comes
 * back if the treasury Safe upholds the challenge (with a share of the slash) or leaves it to expire; it is
 * forfeited if rejected. Evidence that already opened a challenge against the agent is an `EvidenceUsedError`.
 *
 * @example
 * const { challengeId, expiresAt } = await challengeAgent(connection, manifest.contracts, {
 *   account,
 *   agentId: 1n,
 *   evidenceHash: keccak256(toHex(transcript)),
 * })
 */
export async function challengeAgent(
  connection: ChainConnection,
  contracts: Pick<StakingContracts, 'AgentStaking' | 'OpenToken'>,
  parameters: ChallengeAgentParameters,
): Promise<ChallengeAgentReturnType> {
  const { account, agentId, evidenceHash } = parameters
  const staking = { address: contracts.AgentStaking, abi: stakingAbi } as const
  const salt = toHex(randomBytes(32))
  const [{ challengeBond: bond }, commitment] = await withStakingErrors(
    Promise.all([
      readContractCall(connection, { ...staking, functionName: 'params', args: [] }),
      readContractCall(connection, {
        ...staking,
        functionName: 'challengeCommitment',
        args: [account.address, agentId, evidenceHash, salt],
      }),
    ]),
  )
  await withStakingErrors(
    sendContractCall(connection, {
      account,
      ...staking,
      functionName: 'commitChallenge',
      args: [commitment],
    }),
  )
  const { hash, receipt } = await sendPaying(connection, contracts, {
    account,
    amount: bond,
    call: { contract: 'AgentStaking', functionName: 'challenge', args: [agentId, evidenceHash, salt] },
  })
  const [opened] = parseEventLogs({ abi: agentStakingAbi, eventName: 'ChallengeOpened', logs: receipt.logs })
  if (!opened) throw new MissingEventError('challenge', hash, 'ChallengeOpened')
  const challenge = await withStakingErrors(
    readContractCall(connection, {
      ...staking,
      functionName: 'challengeOf',
      args: [opened.args.challengeId],
    }),
  )
  return {
    hash,
    receipt,
    challengeId: opened.args.challengeId,
    bond: opened.args.bond,
    expiresAt: challenge.expiresAt,
  }
}
