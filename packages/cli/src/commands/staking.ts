import type { ChainConnection, Manifest } from '@openledger/chain'
import { BaseError } from '@openledger/errors'
import {
  challengeAgent,
  claimRewards,
  feeYield,
  getAgentStake,
  getPosition,
  proposeResolveChallenge,
  registerAgent,
  requestUnstake,
  stake,
  withdraw,
} from '@openledger/staking'
import { type Command, InvalidArgumentError } from 'commander'
import { type Address, type Hex, keccak256, parseEther, toHex } from 'viem'
import { privateKeyToAccount } from 'viem/accounts'
import { withKey } from '../commonOptions.js'
import {
  type Context,
  connectDeployment,
  type KeyOptions,
  resolveKey,
  rpcUrlOf,
  withStore,
} from '../context.js'
import { formatOpen, formatUnixTime } from '../format.js'
import { parseAddress, parseIntegerIn } from '../options.js'

type KeyCommon = KeyOptions & { rpcUrl?: string }

/** `slash` needs one decision: `--uphold --bps <n>`, or `--reject`. */
export class SlashDecisionError extends BaseError {
  override name = 'SlashDecisionError'
  constructor() {
    super('Say --uphold --bps <1-10000>, or --reject; not both.')
  }
}

/** An agent id: a positive integer, as a bigint. */
export function parseAgentId(value: string): bigint {
  if (!/^\d+$/.test(value) || BigInt(value) === 0n)
    throw new InvalidArgumentError(`"${value}" is not an agent id (a positive integer).`)
  return BigInt(value)
}

/** A challenge id: a positive integer, as a bigint. */
export function parseChallengeId(value: string): bigint {
  if (!/^\d+$/.test(value) || BigInt(value) === 0n)
    throw new InvalidArgumentError(`"${value}" is not a challenge id (a positive integer).`)
  return BigInt(value)
}

/** An amount of OPEN (up to 18 decimals), as wei; zero allowed (a fee of 0). */
export function parseOpen(value: string): bigint {
  if (!/^\d+(\.\d{1,18})?$/.test(value))
    throw new InvalidArgumentError(`"${value}" is not an amount of OPEN.`)
  return parseEther(value)
}

/** An amount of OPEN to move: more than zero. */
export function parsePositiveOpen(value: string): bigint {
  const wei = parseOpen(value)
  if (wei === 0n) throw new InvalidArgumentError('the amount must be more than 0 OPEN.')
  return wei
}

/** An adapter hash (32 bytes in hex, e.g. a SHA-256); repeated, they collect into a list. */
export function parseAdapterHash(value: string, previous: Hex[] = []): Hex[] {
  if (!/^0x[0-9a-fA-F]{64}$/.test(value))
    throw new InvalidArgumentError(`"${value}" is not an adapter hash (32 bytes in hex).`)
  return [...previous, value.toLowerCase() as Hex]
}

/** Evidence: a 32-byte hash is used as is; any other text is hashed with keccak256. */
export function evidenceHashOf(evidence: string): Hex {
  return /^0x[0-9a-fA-F]{64}$/.test(evidence) ? (evidence.toLowerCase() as Hex) : keccak256(toHex(evidence))
}

async function signer(context: Context, options: KeyCommon, role: string) {
  const { connection, manifest } = await connectDeployment(context, rpcUrlOf(context, options.rpcUrl))
  const account = privateKeyToAccount(resolveKey(context, options, connection.chainId, role))
  return { connection, manifest, account }
}

async function printPosition(
  context: Context,
  connection: ChainConnection,
  manifest: Manifest,
  agentId: bigint,
  staker: Address,
): Promise<void> {
  const { contracts } = manifest
  const position = await getPosition(connection, contracts, { agentId, staker })
  const agent = await getAgentStake(connection, contracts, { agentId })
  const yieldOf = await feeYield(connection, contracts, { agentId, fromBlock: BigInt(manifest.blockNumber) })
  const status = agent.jailed ? 'jailed' : agent.isActive ? 'active' : 'inactive'
  context.io.out(
    `Agent ${agentId} (${status}): ${formatOpen(agent.active)} active, ${formatOpen(agent.unbonding)} unbonding`,
  )
  context.io.out(`Position of ${staker}:`)
  context.io.out(`  active          ${formatOpen(position.active)}`)
  const ends = position.unbonding > 0n ? ` (withdrawable from ${formatUnixTime(position.unbondingEnds)})` : ''
  context.io.out(`  unbonding       ${formatOpen(position.unbonding)}${ends}`)
  context.io.out(`  pending reward  ${formatOpen(position.pendingReward)}`)
  context.io.out(
    `Fee yield: ${yieldOf.yieldBps} bps (${formatOpen(yieldOf.rewards)} over ${yieldOf.epochs.length} settled epochs)`,
  )
}

export function stakingCommands(program: Command, context: Context): void {
  withKey(
    program
      .command('stake')
      .argument('<agentId>', 'the agent', parseAgentId)
      .argument('<amountOPEN>', 'OPEN to stake', parsePositiveOpen),
    'staker key',
  )
    .description(
      'Stake OPEN on an agent (approving OPEN first if the allowance is short); prints the position.',
    )
    .action(async (agentId: bigint, amount: bigint, options: KeyCommon) => {
      const { connection, manifest, account } = await signer(context, options, 'staker')
      const { hash, position } = await stake(connection, manifest.contracts, { account, agentId, amount })
      context.io.out(
        `Staked ${formatOpen(amount)} on agent ${agentId} in ${hash}; ${account.address} now has ${formatOpen(position.active)} active.`,
      )
    })

  withKey(
    program
      .command('unstake')
      .argument('<agentId>', 'the agent', parseAgentId)
      .argument('<amountOPEN>', 'OPEN to unstake', parsePositiveOpen),
    'staker key',
  )
    .description('Request to unstake OPEN from an agent; prints when it can be withdrawn.')
    .action(async (agentId: bigint, amount: bigint, options: KeyCommon) => {
      const { connection, manifest, account } = await signer(context, options, 'staker')
      const { position } = await requestUnstake(connection, manifest.contracts, { account, agentId, amount })
      context.io.out(
        `Unbonding ${formatOpen(position.unbonding)} from agent ${agentId}; withdraw from ${formatUnixTime(position.unbondingEnds)} with \`openledger withdraw ${agentId}\`.`,
      )
    })

  withKey(program.command('withdraw').argument('<agentId>', 'the agent', parseAgentId), 'staker key')
    .description("Withdraw the staker's unbonded OPEN from an agent.")
    .action(async (agentId: bigint, options: KeyCommon) => {
      const { connection, manifest, account } = await signer(context, options, 'staker')
      const { amount, hash } = await withdraw(connection, manifest.contracts, { account, agentId })
      context.io.out(`Withdrew ${formatOpen(amount)} from agent ${agentId} to ${account.address} in ${hash}.`)
    })

  withKey(program.command('rewards').argument('<agentId>', 'the agent', parseAgentId), 'staker key')
    .description("Show a staker's position, pending reward and the agent's fee yield; claim with --claim.")
    .option('--staker <address>', 'whose position to show (default: the key’s address)', parseAddress)
    .option('--claim', 'claim the pending reward (signed by the key)')
    .action(async (agentId: bigint, options: KeyCommon & { staker?: Address; claim?: boolean }) => {
      const { connection, manifest } = await connectDeployment(context, rpcUrlOf(context, options.rpcUrl))
      let staker = options.staker
      if (options.claim || !staker) {
        const account = privateKeyToAccount(resolveKey(context, options, connection.chainId, 'staker'))
        staker ??= account.address
        if (options.claim) {
          const { amount, hash } = await claimRewards(connection, manifest.contracts, { account, agentId })
          context.io.out(`Claimed ${formatOpen(amount)} of rewards from agent ${agentId} in ${hash}.`)
        }
      }
      await printPosition(context, connection, manifest, agentId, staker)
    })

  withKey(program.command('challenge').argument('<agentId>', 'the agent', parseAgentId), 'challenger key')
    .description('Challenge an agent, posting the challenge bond; prints the challenge id and bond.')
    .requiredOption(
      '--evidence <text|hash>',
      'a 32-byte hash of the evidence, or text (hashed with keccak256)',
    )
    .action(async (agentId: bigint, options: KeyCommon & { evidence: string }) => {
      const { connection, manifest, account } = await signer(context, options, 'challenger')
      const evidenceHash = evidenceHashOf(options.evidence)
      const { challengeId, bond, hash } = await challengeAgent(connection, manifest.contracts, {
        account,
        agentId,
        evidenceHash,
      })
      context.io.out(
        `Opened challenge ${challengeId} against agent ${agentId} (bond ${formatOpen(bond)}, evidence ${evidenceHash}) in ${hash}.`,
      )
    })

  withKey(
    program.command('slash').argument('<challengeId>', 'the challenge', parseChallengeId),
    'proposing owner key',
  )
    .description('Propose resolving a challenge to the treasury Safe (upheld: slash and jail; rejected).')
    .option('--uphold', 'uphold the challenge: slash the stakers by --bps and jail the agent')
    .option('--bps <n>', 'the slash, in basis points (1-10000), with --uphold', parseIntegerIn(1, 10_000))
    .option('--reject', 'reject the challenge: the bond goes to the treasury')
    .action(
      async (
        challengeId: bigint,
        options: KeyCommon & { uphold?: boolean; bps?: number; reject?: boolean },
      ) => {
        const upheld = options.uphold === true
        if (upheld === (options.reject === true) || (upheld && options.bps === undefined))
          throw new SlashDecisionError()
        const { connection, manifest } = await connectDeployment(context, rpcUrlOf(context, options.rpcUrl))
        const proposerKey = resolveKey(context, options, connection.chainId, 'proposer')
        const { safeTxHash, nonce } = await withStore(context, (store) =>
          proposeResolveChallenge(connection, store, {
            infrastructure: manifest.safe,
            safeAddress: manifest.treasurySafe.address,
            contracts: manifest.contracts,
            proposerKey,
            challengeId,
            upheld,
            slashBps: options.bps ?? 0,
          }),
        )
        const what = upheld
          ? `upholding challenge ${challengeId} (slash ${options.bps} bps)`
          : `rejecting challenge ${challengeId}`
        context.io.out(
          `Proposed ${safeTxHash} (nonce ${nonce}), ${what}; signed 1 of ${manifest.treasurySafe.threshold}.`,
        )
        context.io.out(
          `Next: other owners run \`openledger safe sign ${safeTxHash}\`, then \`openledger safe execute ${safeTxHash}\`.`,
        )
      },
    )

  const agent = program.command('agent').description('Agents in the AgentRegistry.')
  withKey(agent.command('register'), 'creator key')
    .description('Register an agent created by the key; prints its id.')
    .requiredOption('--metadata-uri <uri>', 'where its description lives')
    .requiredOption('--fee <OPEN>', 'OPEN charged per call', parseOpen)
    .option(
      '--adapter <sha256...>',
      'hashes of the LoRA adapters it serves (32 bytes in hex)',
      parseAdapterHash,
    )
    .action(async (options: KeyCommon & { metadataUri: string; fee: bigint; adapter?: Hex[] }) => {
      const { connection, manifest, account } = await signer(context, options, 'creator')
      const { agentId, hash } = await registerAgent(connection, manifest.contracts, {
        account,
        metadataURI: options.metadataUri,
        adapterHashes: options.adapter ?? [],
        feePerCall: options.fee,
      })
      context.io.out(
        `Registered agent ${agentId} (creator ${account.address}, fee ${formatOpen(options.fee)}) in ${hash}.`,
      )
    })
}
