import type { DeployedDevnetHooks } from '@openledger/chain/testing'
import { type Address, keccak256, parseEther, toHex } from 'viem'
import { authorizeCharges } from '../actions/authorizeCharges.js'
import { depositFees } from '../actions/depositFees.js'
import { depositSettlerBond } from '../actions/depositSettlerBond.js'
import { finalizeEpoch } from '../actions/finalizeEpoch.js'
import type { PostEpochCall } from '../actions/postEpoch.js'
import { postEpoch } from '../actions/postEpoch.js'
import { registerAgent } from '../actions/registerAgent.js'
import { stake } from '../actions/stake.js'

/** Whole OPEN in wei. */
export const OPEN = (whole: bigint) => parseEther(String(whole))
/** The devnet's dispute window and minimum settler bond (`devnetProtocolParameters`). */
export const DISPUTE_WINDOW = 10n
export const MIN_SETTLER_BOND = OPEN(1_000n)
/** A day, in seconds: the charge period the tests authorise. */
export const DAY = 24n * 3600n

/** Sends `amount` OPEN wei from dev account `from` to `to`. */
export async function transferOpen(devnet: DeployedDevnetHooks, from: number, to: Address, amount: bigint) {
  await devnet.mined(devnet.tokenAs(from).write.transfer([to, amount]))
}

/** Funds dev account `settler` from `funder` with the minimum bond and deposits it. */
export async function bondSettler(devnet: DeployedDevnetHooks, settler: number, funder: number) {
  await transferOpen(devnet, funder, devnet.address(settler), MIN_SETTLER_BOND)
  await depositSettlerBond(devnet.env.connection, devnet.env.manifest.contracts, {
    account: devnet.account(settler),
    amount: MIN_SETTLER_BOND,
  })
}

/**
 * The settlement tests' protocol: the settler bonded; an agent of `creator` staked 100 OPEN by it and 900 by
 * `staker` (both funded by `funder`); each payer deposits 300 OPEN and authorises charges of 300 OPEN a day.
 * Returns the agent's id.
 */
export async function setUpStakedAgent(
  devnet: DeployedDevnetHooks,
  roles: { funder: number; creator: number; staker: number; settler: number; payers: readonly number[] },
): Promise<bigint> {
  const { connection, manifest } = devnet.env
  const { funder, creator, staker, settler, payers } = roles
  for (const i of [creator, staker]) await transferOpen(devnet, funder, devnet.address(i), OPEN(2_000n))
  await bondSettler(devnet, settler, funder)
  const { agentId } = await registerAgent(connection, manifest.contracts, {
    account: devnet.account(creator),
    metadataURI: 'ipfs://agent',
    feePerCall: OPEN(1n),
  })
  await stake(connection, manifest.contracts, {
    account: devnet.account(creator),
    agentId,
    amount: OPEN(100n),
  })
  await stake(connection, manifest.contracts, {
    account: devnet.account(staker),
    agentId,
    amount: OPEN(900n),
  })
  for (const payer of payers) {
    await depositFees(connection, manifest.contracts, { account: devnet.account(payer), amount: OPEN(300n) })
    await authorizeCharges(connection, manifest.contracts, {
      account: devnet.account(payer),
      perPeriod: OPEN(300n),
      period: DAY,
    })
  }
  return agentId
}

/** Moves the devnet's clock past the dispute window of an epoch posted now, and mines a block. */
export async function passDisputeWindow(devnet: DeployedDevnetHooks) {
  await devnet.testClient.increaseTime({ seconds: Number(DISPUTE_WINDOW) })
  await devnet.testClient.mine({ blocks: 1 })
}

/**
 * Epoch `epoch`: `payer` pays 100 OPEN of the agent's fees under the default splits; 10 to the adapter
 * creator, 40 to contributors; override any part.
 */
export function epochCall(
  epoch: bigint,
  parts: { agentId: bigint; payer: Address; adapterCreator: Address } & Partial<PostEpochCall>,
): PostEpochCall {
  const { agentId, payer, adapterCreator, ...overrides } = parts
  return {
    epoch,
    receiptsRoot: keccak256(toHex(`receipts of epoch ${epoch}`)),
    payoutsRoot: keccak256(toHex(`payouts of epoch ${epoch}`)),
    charges: [{ payer, amount: OPEN(100n) }],
    agents: [{ agentId, fees: OPEN(100n) }],
    adapterCreators: [{ creator: adapterCreator, amount: OPEN(10n) }],
    contributorsPaid: OPEN(40n),
    ...overrides,
  }
}

/** Posts `call` as dev account `settler`, waits out the dispute window and finalises it. */
export async function postAndFinalize(devnet: DeployedDevnetHooks, settler: number, call: PostEpochCall) {
  const { connection, manifest } = devnet.env
  const account = devnet.account(settler)
  await postEpoch(connection, manifest.contracts, { ...call, account })
  await passDisputeWindow(devnet)
  return finalizeEpoch(connection, manifest.contracts, { ...call, account })
}
