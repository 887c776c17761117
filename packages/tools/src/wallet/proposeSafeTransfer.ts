import { type ChainConnection, type SafeInfrastructure, safeKit } from '@openledger/chain'
import { insertSafeTransaction, listSafeTransactions, type Store } from '@openledger/store'
import { type Address, encodeFunctionData, erc20Abi, getAddress, type Hex, isAddressEqual } from 'viem'
import { NATIVE_TOKEN } from './nativeToken.js'

export type ProposeSafeTransferParameters = {
  infrastructure: SafeInfrastructure
  safe: Address
  /** `NATIVE_TOKEN` for the native token. */
  token: Address
  to: Address
  amount: bigint
  /** Who asks; recorded as the proposer. Need not be an owner: the proposal carries no signature. */
  proposer: Address
  description?: string
}

export type ProposeSafeTransferReturnType = { safeTxHash: Hex; nonce: bigint }

/**
 * Stores an unsigned proposal that the Safe transfer `amount` of `token` to `to`, at the nonce after the
 * Safe's and every pending proposal's, for the owners to sign (`signSafeTransaction`) and execute
 * (`executeSafeTransaction`). Unlike `proposeSafeTransaction` the proposer need not be an owner: an agent
 * asking for more than its allowance has no owner key.
 *
 * @example
 * const { safeTxHash } = await proposeSafeTransfer(connection, store, {
 *   infrastructure: manifest.safe, safe, token: open, to, amount: parseEther('50'), proposer: agent.address,
 * })
 */
export async function proposeSafeTransfer(
  connection: ChainConnection,
  store: Store,
  parameters: ProposeSafeTransferParameters,
): Promise<ProposeSafeTransferReturnType> {
  const { infrastructure, amount, description } = parameters
  const safeAddress = getAddress(parameters.safe)
  const token = getAddress(parameters.token)
  const to = getAddress(parameters.to)
  const native = isAddressEqual(token, NATIVE_TOKEN)
  const kit = await safeKit(connection, { infrastructure, safeAddress })
  const pending = await listSafeTransactions(store, {
    chainId: connection.chainId,
    safeAddress,
    status: 'proposed',
  })
  const nonce = pending.reduce(
    (next, row) => (row.nonce >= next ? row.nonce + 1n : next),
    BigInt(await kit.getNonce()),
  )
  const transaction = await kit.createTransaction({
    transactions: [
      native
        ? { to, value: String(amount), data: '0x' }
        : {
            to: token,
            value: '0',
            data: encodeFunctionData({ abi: erc20Abi, functionName: 'transfer', args: [to, amount] }),
          },
    ],
    options: { nonce: Number(nonce) },
  })
  const safeTxHash = (await kit.getTransactionHash(transaction)) as Hex
  const data = transaction.data
  await insertSafeTransaction(store, {
    safeTxHash,
    chainId: connection.chainId,
    safeAddress,
    to: getAddress(data.to),
    value: BigInt(data.value),
    data: data.data as Hex,
    operation: data.operation,
    nonce: BigInt(data.nonce),
    safeTxGas: BigInt(data.safeTxGas),
    baseGas: BigInt(data.baseGas),
    gasPrice: BigInt(data.gasPrice),
    gasToken: getAddress(data.gasToken),
    refundReceiver: getAddress(data.refundReceiver),
    description: description ?? null,
    proposer: getAddress(parameters.proposer),
  })
  return { safeTxHash, nonce }
}
