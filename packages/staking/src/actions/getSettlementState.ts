import { type ChainConnection, readContractCall } from '@openledger/chain'
import type { Abi, Address, Hex } from 'viem'
import { routerAbi } from '../internal/abis.js'
import { withStakingErrors } from '../internal/withStakingErrors.js'
import type { Splits, StakingContracts } from '../types.js'

export type GetSettlementStateParameters = {
  /** Also read this epoch's receipts root. */
  epoch?: bigint | undefined
}
export type GetSettlementStateReturnType = {
  /** The last settled epoch; 0n before the first. */
  lastEpoch: bigint
  /** The latest cumulative payouts root contributors claim against. */
  payoutsRoot: Hex
  splits: Splits
  /** The account allowed to settle epochs. */
  settler: Address
  /** OPEN wei settlements added to the contributors' pool, in total. */
  contributorsFunded: bigint
  /** OPEN wei contributors have claimed, in total. */
  contributorsClaimed: bigint
  /** `epoch`'s receipts root (zero when it is not settled); present only when `epoch` is given. */
  receiptsRoot?: Hex
}

/**
 * FeeRouter's settlement state: the last settled epoch, the payouts root, the splits, the settler and the
 * contributors' pool totals; with `epoch`, that epoch's receipts root too.
 *
 * @example
 * const { lastEpoch, receiptsRoot } = await getSettlementState(connection, manifest.contracts, { epoch: 3n })
 */
export async function getSettlementState(
  connection: ChainConnection,
  contracts: Pick<StakingContracts, 'FeeRouter'>,
  parameters: GetSettlementStateParameters = {},
): Promise<GetSettlementStateReturnType> {
  const { epoch } = parameters
  const read = <T>(functionName: string, args: readonly unknown[] = []) =>
    withStakingErrors(
      readContractCall(connection, {
        address: contracts.FeeRouter,
        abi: routerAbi as Abi,
        functionName,
        args,
      }),
    ) as Promise<T>
  const [lastEpoch, payoutsRoot, splits, settler, [contributorsFunded, contributorsClaimed], receiptsRoot] =
    await Promise.all([
      read<bigint>('lastEpoch'),
      read<Hex>('payoutsRoot'),
      read<Splits>('splits'),
      read<Address>('settler'),
      read<readonly [bigint, bigint]>('contributorTotals'),
      epoch === undefined ? undefined : read<Hex>('receiptsRootOf', [epoch]),
    ])
  return {
    lastEpoch,
    payoutsRoot,
    splits: { ...splits },
    settler,
    contributorsFunded,
    contributorsClaimed,
    ...(receiptsRoot === undefined ? {} : { receiptsRoot }),
  }
}
