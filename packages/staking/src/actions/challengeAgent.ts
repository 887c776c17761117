import { type ChainConnection, MissingEventError, readContractCall } from '@openledger/chain'
import { agentStakingAbi } from '@openledger/contracts'
import { type Hex, parseEventLogs } from 'viem'
import { stakingAbi } from '../internal/abis.js'
import { sendPaying } from '../internal/sendPaying.js'
import { withStakingErrors } from '../internal/withStakingErrors.js'
import type { StakingContracts, WriteParameters, WriteReturnType } from '../types.js'

export type ChallengeAgentParameters = WriteParameters & {
  agentId: bigint
  /** A hash of the evidence (receipts, transcripts) kept off-chain. */
  evidenceHash: Hex
}
export type ChallengeAgentReturnType = WriteReturnType & { challengeId: bigint; bond: bigint }

/**
 * Opens a challenge against an agent, approving the challenge bond (AgentStaking's `challengeBond`) first when
 * the allowance is short. The bond comes back if the treasury Safe upholds the challenge, with a share of the
 * slash; it is forfeited if rejected. An already open challenge is a `ChallengePendingError`.
 *
 * @example
 * const { challengeId } = await challengeAgent(connection, manifest.contracts, {
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
  const { challengeBond: bond } = await withStakingErrors(
    readContractCall(connection, {
      address: contracts.AgentStaking,
      abi: stakingAbi,
      functionName: 'params',
      args: [],
    }),
  )
  const { hash, receipt } = await sendPaying(connection, contracts, {
    account,
    amount: bond,
    call: { contract: 'AgentStaking', functionName: 'challenge', args: [agentId, evidenceHash] },
  })
  const [opened] = parseEventLogs({ abi: agentStakingAbi, eventName: 'ChallengeOpened', logs: receipt.logs })
  if (!opened) throw new MissingEventError('challenge', hash, 'ChallengeOpened')
  return { hash, receipt, challengeId: opened.args.challengeId, bond: opened.args.bond }
}
