import {
  agentRegistryAbi,
  agentStakingAbi,
  feeRouterAbi,
  modelRegistryAbi,
  openTokenAbi,
  WEI_PER_OPEN,
} from '@openledger/contracts'
import {
  type Address,
  encodeFunctionData,
  getAddress,
  getContract,
  keccak256,
  maxUint256,
  parseEther,
  toHex,
} from 'viem'
import { devnetProtocolParameters } from '../../deploy/protocolParameters.js'
import { useDeployedDevnet } from '../../testing/useDeployedDevnet.js'
import { WINDOW } from './routerModel.js'

/**
 * Dev-account roles in the invariant runs (0–2 own the treasury Safe, 3–6 hold genesis OPEN, 9 settles):
 * stakers 4–7, payers 3 and 8, a bystander 6 that deposits but never authorises a charge, challengers 5 and
 * 8; agents are created by 7 and 8. The settler (9) is bonded with OPEN from 5. Contributors and adapter
 * creators are fresh addresses that only receive OPEN.
 */
export const STAKERS = [4, 5, 6, 7] as const
export const PAYERS = [3, 8] as const
export const BYSTANDER = 6
export const DEPOSITORS = [...PAYERS, BYSTANDER] as const
export const SETTLER_BOND = devnetProtocolParameters.minSettlerBond
/** What each payer authorises before the runs (it changes it in them): 1,000 OPEN a day. */
export const INITIAL_CAP = { perPeriod: parseEther('1000'), period: 24n * 3600n } as const
/** What each depositor, the bystander included, holds in FeeRouter before the runs. */
export const INITIAL_PREPAID = parseEther('100')
export const CHALLENGERS = [5, 8] as const
export const AGENT_CREATORS = [7, 8] as const
export const SETTLER = 9
const labelled = (label: string) => getAddress(keccak256(toHex(`invariants ${label}`)).slice(0, 42))
export const CONTRIBUTORS = [0, 1, 2].map((n) => labelled(`contributor ${n}`))
export const ADAPTER_CREATORS = [0, 1].map((n) => labelled(`adapter creator ${n}`))

/** Calls can also revert in the registry or the token: decode their custom errors too. */
const errorsAbi = [...agentRegistryAbi, ...openTokenAbi].filter((item) => item.type === 'error')
const stakingAbi = [...agentStakingAbi, ...errorsAbi]
const routerAbi = [...feeRouterAbi, ...errorsAbi]
const lineageAbi = [...modelRegistryAbi, ...errorsAbi]

export type ProtocolHarness = ReturnType<typeof useProtocolHarness>

/**
 * Registers vitest hooks for one devnet with the protocol deployed and, once: two agents registered, dev
 * account 7 and 8 funded from 3, every staker and challenger approving AgentStaking and every payer
 * approving FeeRouter for the maximum. Returns typed contracts by dev-account index and the accounts involved.
 *
 * @example
 * const harness = useProtocolHarness()
 * await harness.stakingAs(4).read.agentStake([harness.agentIds()[0]!])
 */
export function useProtocolHarness() {
  const agentIds: bigint[] = []
  const devnet = useDeployedDevnet(async ({ env, address, account, clientOf, tokenAs, mined, asSafe }) => {
    const { contracts } = env.manifest
    for (const i of [7, 8]) await mined(tokenAs(3).write.transfer([address(i), parseEther('1000000')]))
    for (const i of new Set([...STAKERS, ...CHALLENGERS]))
      await mined(tokenAs(i).write.approve([contracts.AgentStaking, maxUint256]))
    for (const i of [...DEPOSITORS, SETTLER])
      await mined(tokenAs(i).write.approve([contracts.FeeRouter, maxUint256]))
    await mined(tokenAs(5).write.transfer([address(SETTLER), 20n * SETTLER_BOND]))
    const router = getContract({ address: contracts.FeeRouter, abi: feeRouterAbi, client: clientOf(SETTLER) })
    await mined(router.write.depositBond([SETTLER_BOND]))
    for (const i of DEPOSITORS) {
      const payer = getContract({ address: contracts.FeeRouter, abi: feeRouterAbi, client: clientOf(i) })
      await mined(payer.write.deposit([INITIAL_PREPAID]))
      if (i !== BYSTANDER)
        await mined(payer.write.authorizeCharges([INITIAL_CAP.perPeriod, INITIAL_CAP.period]))
    }
    // A window of an hour: the runs' clock moves by whole hours, so a window of seconds would pass on its own.
    const data = encodeFunctionData({ abi: feeRouterAbi, functionName: 'setDisputeWindow', args: [WINDOW] })
    await asSafe(contracts.FeeRouter, data)
    for (const i of AGENT_CREATORS) {
      const registry = getContract({
        address: contracts.AgentRegistry,
        abi: agentRegistryAbi,
        client: clientOf(i),
      })
      const args = [`ipfs://agent-${i}`, [keccak256(toHex(`adapter ${i}`))], WEI_PER_OPEN] as const
      const { result } = await registry.simulate.registerAgent(args, { account: account(i) })
      await mined(registry.write.registerAgent(args))
      agentIds.push(result)
    }
  })
  const contracts = () => devnet.env.manifest.contracts
  const stakingAs = (i: number) =>
    getContract({ address: contracts().AgentStaking, abi: stakingAbi, client: devnet.clientOf(i) })
  const routerAs = (i: number) =>
    getContract({ address: contracts().FeeRouter, abi: routerAbi, client: devnet.clientOf(i) })
  const registryAs = (i: number) =>
    getContract({ address: contracts().AgentRegistry, abi: agentRegistryAbi, client: devnet.clientOf(i) })
  const modelRegistryAs = (i: number) =>
    getContract({ address: contracts().ModelRegistry, abi: lineageAbi, client: devnet.clientOf(i) })
  const safe = () => devnet.env.manifest.treasurySafe.address
  return {
    devnet,
    agentIds: () => agentIds as readonly bigint[],
    stakingAs,
    routerAs,
    registryAs,
    modelRegistryAs,
    /** Views and simulations as the treasury Safe: how a Safe-only call's custom error is seen. */
    fromSafe: () => ({ account: safe() }),
    safe,
    balanceOf: (holder: Address) => devnet.tokenAs(0).read.balanceOf([holder]),
    totalSupply: () => devnet.tokenAs(0).read.totalSupply(),
    /** Who may claim contributors' payouts: the contributors, and the settler (its self-paying roots). */
    claimants: (): Address[] => [...CONTRIBUTORS, devnet.address(SETTLER)],
    /** Every address that can hold OPEN in these runs: dev accounts, the Safe, the contracts, fresh payees. */
    holders: (): Address[] => [
      ...devnet.env.devnet.accounts.map((a) => a.address),
      safe(),
      contracts().AgentStaking,
      contracts().FeeRouter,
      contracts().AgentRegistry,
      ...CONTRIBUTORS,
      ...ADAPTER_CREATORS,
    ],
  }
}
