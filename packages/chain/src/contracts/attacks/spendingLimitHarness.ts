import { spendingLimitModuleAbi } from '@openledger/contracts'
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
  erc20Abi,
  getContract,
  type Hex,
  parseAbi,
  parseEther,
  type TransactionReceipt,
} from 'viem'
import { deployContract } from '../../deploy/deployContract.js'
import { deployTreasurySafe } from '../../safe/deployTreasurySafe.js'
import { useDeployedDevnet } from '../../testing/useDeployedDevnet.js'
import { impersonate, impersonatedClient } from './impersonated.js'

/** Dev accounts: 7 owns the user's 1-of-1 Safe, 8 is its agent (the delegate), 5 is Mallory, an outsider. */
export const [SL_OWNER, SL_AGENT, SL_MALLORY] = [7, 8, 5] as const
export const SL_RECIPIENT: Address = '0x000000000000000000000000000000000000bEEF'
export const SL_DAY = 86_400n
/** The agent's allowance when an attack starts: 10 OPEN a day. */
export const SL_ALLOWANCE = parseEther('10')
/** What the Safe holds of OPEN and of each test token. */
export const SL_SAFE_BALANCE = parseEther('1000')
const SENTINEL: Address = '0x0000000000000000000000000000000000000001'

const safeAbi = parseAbi([
  'function enableModule(address module)',
  'function disableModule(address prevModule, address module)',
  'function getModulesPaginated(address start, uint256 pageSize) view returns (address[] array, address next)',
])
/** Module calls can revert inside the re-entering token or delegate: decode OpenZeppelin's errors too. */
const moduleAbi = [
  ...spendingLimitModuleAbi,
  ...reenteringTokenAbi.filter((item) => item.type === 'error'),
] as const

export type SpendingLimitTarget = Awaited<
  ReturnType<ReturnType<typeof useSpendingLimitDevnet>['deployModule']>
>

/**
 * For the spending limit's attack tests: one devnet with the protocol deployed, a user's 1-of-1 Safe (owner
 * `SL_OWNER`) holding OPEN, ether and three odd test tokens (one returning false, one returning nothing, one
 * calling the recipient back). `deployModule(bytecode)` deploys a SpendingLimitModule from any bytecode (the
 * build or a test-only mutant), enables it on the Safe and allows `SL_AGENT` `SL_ALLOWANCE` OPEN a day. The
 * Safe's own calls are sent as the Safe (impersonated: what a signed Safe transaction does, without the
 * signing); the tools' tests go through real signed Safe transactions.
 *
 * @example
 * const { deployModule } = useSpendingLimitDevnet()
 * const target = await deployModule(spendingLimitModuleBytecode)
 */
export function useSpendingLimitDevnet() {
  let safe: Address
  const tokens = {} as { falseReturning: Address; noReturn: Address; reentering: Address }
  const devnet = useDeployedDevnet(async ({ env, account, address, tokenAs, mined }) => {
    const deployer = account(0)
    safe = await deployTreasurySafe(env.connection, {
      infrastructure: env.manifest.safe,
      deployerKey: env.devnet.accounts[0]!.privateKey,
      owners: [address(SL_OWNER)],
      threshold: 1,
      saltNonce: '1612',
    })
    await impersonate(devnet, safe)
    await mined(tokenAs(3).write.transfer([safe, SL_SAFE_BALANCE]))
    const deploy = (abi: readonly unknown[], bytecode: Hex) =>
      deployContract(env.connection, deployer, { abi: abi as never, bytecode, args: [] })
    tokens.falseReturning = await deploy(falseReturningTokenAbi, falseReturningTokenBytecode)
    tokens.noReturn = await deploy(noReturnTokenAbi, noReturnTokenBytecode)
    tokens.reentering = await deploy(reenteringTokenAbi, reenteringTokenBytecode)
    const wallet = env.connection.walletClient(deployer)
    const mint = parseAbi(['function mint(address to, uint256 amount)'])
    for (const token of Object.values(tokens))
      await mined(
        wallet.writeContract({
          address: token,
          abi: mint,
          functionName: 'mint',
          args: [safe, SL_SAFE_BALANCE],
          chain: env.connection.chain,
        }),
      )
  })

  async function deployModule(bytecode: Hex) {
    const { env, address, clientOf, mined, testClient } = devnet
    const open = env.manifest.contracts.OpenToken
    const module = await deployContract(env.connection, devnet.account(0), {
      abi: spendingLimitModuleAbi,
      bytecode,
      args: [],
    })
    const safeWallet = impersonatedClient(devnet, safe).wallet
    const client = (i: number) => clientOf(i)
    const as = (i: number) => getContract({ address: module, abi: moduleAbi, client: client(i) })
    const moduleAsSafe = getContract({
      address: module,
      abi: moduleAbi,
      client: { public: env.connection.publicClient, wallet: safeWallet },
    })
    const safeItself = getContract({
      address: safe,
      abi: safeAbi,
      client: { public: env.connection.publicClient, wallet: safeWallet },
    })
    const enable = () => mined(safeItself.write.enableModule([module]))
    /** A bare `disableModule`, as another Safe UI sends it. */
    async function disable() {
      const [modules] = await safeItself.read.getModulesPaginated([SENTINEL, 50n])
      const index = modules.findIndex((m) => m.toLowerCase() === module.toLowerCase())
      const prev = index <= 0 ? SENTINEL : modules[index - 1]!
      return mined(safeItself.write.disableModule([prev, module]))
    }
    const setAllowance = (delegate: Address, token: Address, amount: bigint, period: bigint) =>
      mined(moduleAsSafe.write.setAllowance([delegate, token, amount, period]))
    await enable()
    await setAllowance(address(SL_AGENT), open, SL_ALLOWANCE, SL_DAY)

    const now = async () => (await env.connection.publicClient.getBlock()).timestamp
    return {
      module,
      safe,
      open,
      tokens,
      address,
      /** The module as dev account `i`. */
      as,
      /** The module called by the Safe itself. */
      asSafe: moduleAsSafe,
      mined: (hash: Promise<Hex>): Promise<TransactionReceipt> => mined(hash),
      enable,
      disable,
      setAllowance,
      /** The agent's transfer of `amount` of `token` (OPEN by default) to `SL_RECIPIENT`. */
      spend: (amount: bigint, token: Address = open) =>
        as(SL_AGENT).write.executeTransfer([safe, token, SL_RECIPIENT, amount]),
      allowance: (token: Address = open, delegate: Address = address(SL_AGENT)) =>
        as(0).read.allowanceOf([safe, delegate, token]),
      isDelegate: (delegate: Address = address(SL_AGENT)) => as(0).read.isDelegate([safe, delegate]),
      balanceOf: (token: Address, holder: Address) =>
        env.connection.publicClient.readContract({
          address: token,
          abi: erc20Abi,
          functionName: 'balanceOf',
          args: [holder],
        }),
      now,
      /** Mines the next block at block time `timestamp` (the next transaction runs in it). */
      async at(timestamp: bigint) {
        await testClient.setNextBlockTimestamp({ timestamp })
        await testClient.mine({ blocks: 1 })
      },
      /** The next transaction's block is mined at `timestamp`. */
      nextBlockAt: (timestamp: bigint) => testClient.setNextBlockTimestamp({ timestamp }),
      async passTime(seconds: bigint) {
        await testClient.increaseTime({ seconds: Number(seconds) })
        await testClient.mine({ blocks: 1 })
      },
      removeCode: (account: Address) => testClient.setCode({ address: account, bytecode: '0x' }),
      /** Deploys a delegate contract that re-enters the module from the token's transfer hook. */
      async deployReenteringDelegate() {
        const delegate = await deployContract(env.connection, devnet.account(0), {
          abi: reenteringDelegateAbi,
          bytecode: reenteringDelegateBytecode,
          args: [module],
        })
        return getContract({ address: delegate, abi: reenteringDelegateAbi, client: client(SL_MALLORY) })
      },
    }
  }

  return { devnet, deployModule }
}
