import type { DeployedDevnetHooks } from '@openledger/chain/testing'
import { type Address, keccak256, parseEther, toHex } from 'viem'
import { depositSettlerBond } from '../actions/depositSettlerBond.js'
import { finalizeEpoch } from '../actions/finalizeEpoch.js'
import type { PostEpochCall } from '../actions/postEpoch.js'
import { postEpoch } from '../actions/postEpoch.js'

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
