import type {
  Abi,
  AbiStateMutability,
  ContractFunctionArgs,
  ContractFunctionName,
  ContractFunctionParameters,
} from 'viem'

/** The mutabilities of functions that change state: what `simulateContractCall` and `sendContractCall` call. */
export type WriteMutability = 'nonpayable' | 'payable'

/**
 * One call of a contract function, as viem's `simulateContract`/`writeContract`/`readContract` take it (less the
 * account): typed by a `const` ABI, or loose with `abi: Abi`.
 */
export type ContractCall<
  abi extends Abi | readonly unknown[] = Abi,
  mutability extends AbiStateMutability = WriteMutability,
  functionName extends ContractFunctionName<abi, mutability> = ContractFunctionName<abi, mutability>,
  args extends ContractFunctionArgs<abi, mutability, functionName> = ContractFunctionArgs<
    abi,
    mutability,
    functionName
  >,
> = ContractFunctionParameters<abi, mutability, functionName, args> & {
  /** Wei sent with the call, for a payable function. */
  value?: bigint | undefined
  /** The gas limit; default: estimated. */
  gas?: bigint | undefined
  /**
   * The block the call is simulated in (default `latest`): `pending` for a call that must run in a block after
   * the latest one (e.g. revealing a commitment just mined), as the transaction will.
   */
  blockTag?: 'latest' | 'pending' | undefined
}

/** The names of `abi`'s state-changing functions. */
export type WriteFunctionName<abi extends Abi | readonly unknown[]> = ContractFunctionName<
  abi,
  WriteMutability
>

/** The arguments of `abi`'s state-changing function `functionName`. */
export type WriteArgs<
  abi extends Abi | readonly unknown[],
  functionName extends WriteFunctionName<abi>,
> = ContractFunctionArgs<abi, WriteMutability, functionName>
