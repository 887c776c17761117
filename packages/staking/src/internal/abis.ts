import { agentRegistryAbi, agentStakingAbi, feeRouterAbi, openTokenAbi } from '@openledger/contracts'

const errorsOf = <const abi extends readonly { type: string }[]>(abi: abi) =>
  abi.filter((item): item is Extract<abi[number], { type: 'error' }> => item.type === 'error')

/** Every custom error of the four contracts: a call into one can revert in another (registry, token). */
const errors = [
  ...errorsOf(agentStakingAbi),
  ...errorsOf(agentRegistryAbi),
  ...errorsOf(feeRouterAbi),
  ...errorsOf(openTokenAbi),
]

/** AgentStaking's ABI plus the other contracts' errors, so viem decodes any revert. */
export const stakingAbi = [...agentStakingAbi, ...errors] as const
/** AgentRegistry's ABI plus the other contracts' errors. */
export const registryAbi = [...agentRegistryAbi, ...errors] as const
/** FeeRouter's ABI plus the other contracts' errors. */
export const routerAbi = [...feeRouterAbi, ...errors] as const
