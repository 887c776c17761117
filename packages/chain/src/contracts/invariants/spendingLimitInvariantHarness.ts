import { spendingLimitModuleAbi, spendingLimitModuleBytecode } from '@openledger/contracts'
import {
  falseReturningTokenAbi,
  falseReturningTokenBytecode,
  noReturnTokenAbi,
  noReturnTokenBytecode,
  reenteringDelegateAbi,
  reenteringDelegateBytecode,
  reenteringTokenAbi,
  reenteringTokenBytecode,
} from '@openledger/contracts/testing'
import {
  type Address,
  createWalletClient,
  custom,
  type EIP1193RequestFn,
  erc20Abi,
  getAddress,
  getContract,
  type Hex,
  keccak256,
  parseAbi,
  parseEther,
  toHex,
  zeroAddress,
} from 'viem'
import { deployContract } from '../../deploy/deployContract.js'
import { deployTreasurySafe } from '../../safe/deployTreasurySafe.js'
import { useDeployedDevnet } from '../../testing/useDeployedDevnet.js'

/** Which of the two user Safes: 0 is A, 1 is B. */
export type Side = 0 | 1
export const SIDES: readonly Side[] = [0, 1]
/** Safe A is a 1-of-1 of dev account 7; Safe B a 2-of-2 of dev accounts 1 and 2. */
export const SAFE_OWNERS = [[7], [1, 2]] as const
/** Each Safe's honest delegate (an agent's key): dev account 8 on A, 4 on B. */
export const HONEST_DELEGATES = [8, 4] as const
/** Mallory, who drives both adversarial delegates (ReenteringDelegate contracts, one per Safe). */
export const MALLORY = 5
/** An outsider watching for bare disables (`recordDisabled`). */
export const OUTSIDER = 9
const labelled = (label: string) => getAddress(keccak256(toHex(`spending limit ${label}`)).slice(0, 42))
/** Where honest delegates pay (an address without code that sends nothing). */
export const PAYEE = labelled('payee')
/** Where the owners move the Safe's own funds (`withdraw`). */
export const COLD_WALLET = labelled('cold wallet')
/** An address without code, allowed as a "token" only by mistake (`TokenHasNoCode`). */
export const CODELESS: Address = '0x000000000000000000000000000000000000dEaD'
export const TOKEN_NAMES = ['OPEN', 'native', 'falseReturning', 'noReturn', 'reentering'] as const
/** What each Safe holds of every token (ether included) before the runs: B is poorer, so it runs dry. */
export const SAFE_FUNDS = [parseEther('100'), parseEther('30')] as const
/**
 * The allowances the harness grants before the runs (so that the first steps spend): per Safe, the honest
 * then the adversarial delegate's token index, amount and period.
 */
export const INITIAL_ALLOWANCES = [
  [
    { token: 0, amount: parseEther('10'), period: 60n },
    { token: 4, amount: parseEther('10'), period: 7n },
  ],
  [
    { token: 1, amount: parseEther('5'), period: 3_600n },
    { token: 0, amount: parseEther('10'), period: 0n },
  ],
] as const

const SENTINEL: Address = '0x0000000000000000000000000000000000000001'
const safeAbi = parseAbi([
  'function enableModule(address module)',
  'function disableModule(address prevModule, address module)',
  'function isModuleEnabled(address module) view returns (bool)',
  'function getModulesPaginated(address start, uint256 pageSize) view returns (address[] array, address next)',
  'function execTransactionFromModule(address to, uint256 value, bytes data, uint8 operation) returns (bool)',
])
/** `transfer` without a return value: the one call shape every test token accepts. */
export const tokenTransferAbi = parseAbi(['function transfer(address to, uint256 amount)'])
/** Calls can revert inside the re-entering token: decode OpenZeppelin's errors too. */
const moduleAbi = [
  ...spendingLimitModuleAbi,
  ...reenteringTokenAbi.filter((item) => item.type === 'error'),
] as const
const adversaryAbi = [...reenteringDelegateAbi, ...moduleAbi.filter((item) => item.type === 'error')] as const

export type SpendingLimitInvariantHarness = ReturnType<typeof useSpendingLimitInvariantHarness>

/**
 * Registers vitest hooks for one devnet with the protocol deployed and, once: two user Safes (v1.4.1) funded
 * with OPEN, ether and the three odd test tokens (false-returning, no-return, re-entering), a
 * SpendingLimitModule (`bytecode`, the build by default) enabled on both, one ReenteringDelegate per Safe as
 * its adversarial delegate, and `INITIAL_ALLOWANCES`. The Safes' own calls are sent as the Safe
 * (impersonated: what a signed Safe transaction does, without the signing), free of fees: their executor,
 * not the Safe, pays for a real Safe transaction.
 *
 * @example
 * const harness = useSpendingLimitInvariantHarness()
 * await harness.moduleAs(0).read.generationOf([harness.safes()[0]])
 */
export function useSpendingLimitInvariantHarness(bytecode: Hex = spendingLimitModuleBytecode) {
  const safes: Address[] = []
  const adversaries: Address[] = []
  const tokens: Address[] = []
  let module: Address
  const devnet = useDeployedDevnet(async ({ env, address, account, tokenAs, mined, testClient }) => {
    // From a base fee of 0 every later one is 0 too: the Safes' own transactions (sent free, see `safeClient`)
    // leave their ether to the transfers the model follows.
    await testClient.setNextBlockBaseFeePerGas({ baseFeePerGas: 0n })
    await testClient.mine({ blocks: 1 })
    const deploy = (abi: readonly unknown[], code: Hex, args: readonly unknown[] = []) =>
      deployContract(env.connection, account(0), { abi: abi as never, bytecode: code, args: args as never })
    const odd = [
      await deploy(falseReturningTokenAbi, falseReturningTokenBytecode),
      await deploy(noReturnTokenAbi, noReturnTokenBytecode),
      await deploy(reenteringTokenAbi, reenteringTokenBytecode),
    ].map((token) => getAddress(token))
    tokens.push(getAddress(env.manifest.contracts.OpenToken), zeroAddress, ...odd)
    module = getAddress(await deploy(spendingLimitModuleAbi, bytecode))
    const mint = parseAbi(['function mint(address to, uint256 amount)'])
    const wallet = env.connection.walletClient(account(0))
    for (const side of SIDES) {
      const safe = await deployTreasurySafe(env.connection, {
        infrastructure: env.manifest.safe,
        deployerKey: env.devnet.accounts[0]!.privateKey,
        owners: SAFE_OWNERS[side].map((i) => address(i)),
        threshold: SAFE_OWNERS[side].length,
        saltNonce: `${2_261_208 + side}`,
      })
      safes.push(safe)
      adversaries.push(getAddress(await deploy(reenteringDelegateAbi, reenteringDelegateBytecode, [module])))
      await testClient.impersonateAccount({ address: safe })
      await testClient.setBalance({ address: safe, value: SAFE_FUNDS[side] })
      await mined(tokenAs(3).write.transfer([safe, SAFE_FUNDS[side]]))
      for (const token of odd)
        await mined(
          wallet.writeContract({
            address: token,
            abi: mint,
            functionName: 'mint',
            args: [safe, SAFE_FUNDS[side]],
            chain: env.connection.chain,
          }),
        )
      await mined(safeAs(side).write.enableModule([module]))
    }
    // The grants at set block times, one second apart: the runs see the same periods' phases every time.
    const { timestamp } = await env.connection.publicClient.getBlock()
    for (const side of SIDES) {
      const delegates = [address(HONEST_DELEGATES[side]), adversaries[side]!]
      for (const [i, { token, amount, period }] of INITIAL_ALLOWANCES[side].entries()) {
        await testClient.setNextBlockTimestamp({ timestamp: timestamp + 100n + BigInt(2 * side + i) })
        await mined(moduleAsSafe(side).write.setAllowance([delegates[i]!, tokens[token]!, amount, period]))
      }
    }
  })

  /** The Safe as a client: impersonated, and paying no fees (the base fee is 0), so its ether pays no gas. */
  function safeClient(side: Side) {
    const { connection, devnet: provider } = devnet.env
    // viem leaves an impersonated account's fees to the node, which would add a priority fee: set them to 0.
    const free: EIP1193RequestFn = ({ method, params }) => {
      if (method !== 'eth_sendTransaction') return provider.request({ method, params } as never)
      const [request] = params as [Record<string, unknown>]
      const withoutFees = [{ ...request, maxFeePerGas: '0x0', maxPriorityFeePerGas: '0x0' }]
      return provider.request({ method, params: withoutFees } as never)
    }
    const transport = custom({ request: free })
    const wallet = createWalletClient({ account: safes[side]!, chain: connection.chain, transport })
    return { public: connection.publicClient, wallet }
  }
  /** The module called by the Safe itself. */
  function moduleAsSafe(side: Side) {
    return getContract({ address: module, abi: moduleAbi, client: safeClient(side) })
  }
  /** The Safe's own functions (enable, disable), called by the Safe itself. */
  function safeAs(side: Side) {
    return getContract({ address: safes[side]!, abi: safeAbi, client: safeClient(side) })
  }
  return {
    devnet,
    module: () => module,
    safes: () => safes as readonly Address[],
    /** Token addresses by index (`TOKEN_NAMES`); the native token is the zero address. */
    tokens: () => tokens as readonly Address[],
    /** The adversarial delegate (a ReenteringDelegate contract) of each Safe. */
    adversaries: () => adversaries as readonly Address[],
    honest: (side: Side) => devnet.address(HONEST_DELEGATES[side]),
    moduleAsSafe,
    safeAs,
    /** The Safe sending a raw call (ether, or a token transfer) itself. */
    safeWallet: (side: Side) => safeClient(side).wallet,
    /** The module as dev account `i`. */
    moduleAs: (i: number) => getContract({ address: module, abi: moduleAbi, client: devnet.clientOf(i) }),
    /** A Safe's functions as dev account `i` (who is not the Safe). */
    safeAsAccount: (side: Side, i: number) =>
      getContract({ address: safes[side]!, abi: safeAbi, client: devnet.clientOf(i) }),
    /** Mallory's handle on a Safe's adversarial delegate. */
    adversaryAs: (side: Side) =>
      getContract({ address: adversaries[side]!, abi: adversaryAbi, client: devnet.clientOf(MALLORY) }),
    /** A bare `disableModule`, as another Safe UI sends it. */
    async disable(side: Side) {
      const [modules] = await safeAs(side).read.getModulesPaginated([SENTINEL, 50n])
      const index = modules.findIndex((m) => m.toLowerCase() === module.toLowerCase())
      const prev = index <= 0 ? SENTINEL : modules[index - 1]!
      return safeAs(side).write.disableModule([prev, module])
    },
    balanceOf: (token: Address, holder: Address): Promise<bigint> =>
      token === zeroAddress
        ? devnet.env.connection.publicClient.getBalance({ address: holder })
        : devnet.env.connection.publicClient.readContract({
            address: token,
            abi: erc20Abi,
            functionName: 'balanceOf',
            args: [holder],
          }),
    /** Every address whose balances the model tracks: the Safes, the payee, the adversaries, the cold wallet. */
    holders: (): Address[] => [...safes, PAYEE, ...adversaries, COLD_WALLET],
  }
}
