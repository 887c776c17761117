import type { ChainConnection } from '@openledger/chain'
import { getSettlementState, postEpoch } from '@openledger/staking'
import { type Account, type Address, type Hex, parseEther } from 'viem'
import { type MeteredReceipt, planSettlement } from '../plan/planSettlement.js'

/** 10 OPEN: what the tampered epoch charges its first payer beyond its receipts. */
export const TAMPERED_EXTRA = parseEther('10')

/**
 * For tests: a settler turned malicious posts the next epoch for `receipts` with the first payer charged
 * `TAMPERED_EXTRA` it never spent, moved to the first agent (the adapter creators' share of it to the settler
 * itself), and a payouts root of its own. Every on-chain check passes: only re-checking the epoch against its
 * published receipts (`verifyEpoch`) shows it.
 */
export async function postTamperedEpoch(
  connection: ChainConnection,
  contracts: { FeeRouter: Address },
  parameters: {
    settler: Account
    receipts: readonly MeteredReceipt[]
    adapterCreators: ReadonlyMap<Hex, Address>
    treasury: Address
  },
): Promise<{ epoch: bigint; victim: Address }> {
  const { settler, receipts, adapterCreators, treasury } = parameters
  const { lastEpoch, splits } = await getSettlementState(connection, contracts)
  const epoch = lastEpoch + 1n
  const { call } = planSettlement({ epoch, receipts, splits, adapterCreators, treasury })
  const [victim] = call.charges
  await postEpoch(connection, contracts, {
    account: settler,
    ...call,
    payoutsRoot: `0x${'ab'.repeat(32)}`,
    charges: call.charges.map((c) => (c === victim ? { ...c, amount: c.amount + TAMPERED_EXTRA } : c)),
    agents: call.agents.map((a, i) => (i === 0 ? { ...a, fees: a.fees + TAMPERED_EXTRA } : a)),
    adapterCreators: [
      ...call.adapterCreators,
      { creator: settler.address, amount: (TAMPERED_EXTRA * BigInt(splits.adapterCreators)) / 10_000n },
    ],
  })
  return { epoch, victim: victim!.payer }
}
