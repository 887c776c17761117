import { feeRouterAbi } from '@openledger/contracts'
import type { Splits } from '@openledger/staking'
import type { Hex } from 'viem'
import type { Settler } from './types.js'

/** FeeRouter's settlement state: the last settled epoch and the splits a new epoch is planned under. */
export async function readRouter(settler: Settler): Promise<{ lastEpoch: bigint; splits: Splits }> {
  const read = { address: settler.contracts.FeeRouter, abi: feeRouterAbi } as const
  const client = settler.connection.publicClient
  const [lastEpoch, splits] = await Promise.all([
    client.readContract({ ...read, functionName: 'lastEpoch' }),
    client.readContract({ ...read, functionName: 'splits' }),
  ])
  return { lastEpoch: BigInt(lastEpoch), splits: { ...splits } }
}

/** The receipts root FeeRouter stored for `epoch` (zero when it is not settled). */
export async function readReceiptsRoot(settler: Settler, epoch: bigint): Promise<Hex> {
  return settler.connection.publicClient.readContract({
    address: settler.contracts.FeeRouter,
    abi: feeRouterAbi,
    functionName: 'receiptsRootOf',
    args: [epoch],
  })
}

/** Whether two splits are the same five numbers. */
export function sameSplits(a: Splits, b: Splits): boolean {
  return (
    a.contributors === b.contributors &&
    a.agentCreator === b.agentCreator &&
    a.adapterCreators === b.adapterCreators &&
    a.stakers === b.stakers &&
    a.treasury === b.treasury
  )
}
