/**
 * Settlement gas benchmark: the gas of each staker and contributor operation, and of one `settleEpoch` as the
 * epoch grows from 1 to 10,000 receipts, through the real pipeline (ledger → plan → one transaction) on the
 * devnet with the deployed contracts. Prints tables; asserts nothing (tests assert correctness).
 * Run: `npm run bench -w packages/settlement`.
 */
import { deployedDevnet } from '@openledger/chain/testing'
import { agentStakingAbi, WEI_PER_OPEN } from '@openledger/contracts'
import {
  claimContributorReward,
  claimRewards,
  depositFees,
  requestUnstake,
  stake,
  withdraw,
} from '@openledger/staking'
import { openStore } from '@openledger/store'
import { createTestClient, custom, getAddress, keccak256, parseEther, toHex } from 'viem'
import { privateKeyToAccount } from 'viem/accounts'
import { getPayoutClaim } from '../src/ledger/getPayoutClaim.js'
import { recordUsage } from '../src/ledger/recordUsage.js'
import { settlementSchema } from '../src/ledger/settlementSchema.js'
import { settleNextEpoch } from '../src/settle/settleNextEpoch.js'
import { ledgerOf, type Settler } from '../src/settle/types.js'
import {
  adapterCreators,
  alice,
  SETTLER,
  scenarioReceipts,
  setUpScenario,
} from '../src/testing/settlementScenario.js'

const OPERATION_TARGET = 80_000n
const PER_RECEIPT_TARGET = 500n

const env = await deployedDevnet()
const { connection, manifest, devnet } = env
const contracts = manifest.contracts
const testClient = createTestClient({ mode: 'hardhat', transport: custom(devnet), chain: connection.chain })
const as = (i: number) => privateKeyToAccount(devnet.accounts[i]!.privateKey)
const scenario = await setUpScenario(connection, manifest, devnet.accounts, parseEther('500'))
const store = await openStore({ databaseUrl: ':memory:', schemas: [settlementSchema] })
const settler: Settler = {
  store,
  connection,
  contracts,
  account: as(SETTLER),
  treasury: manifest.treasurySafe.address,
  adapterCreators: async () => adapterCreators,
}
const gasOf = async (hash: `0x${string}`) =>
  (await connection.publicClient.getTransactionReceipt({ hash })).gasUsed

// ------------------------------------------------------------------ settleEpoch by epoch size
/** 100 payers with prepaid balances, for the epoch whose cost grows with payers. */
const manyPayers = Array.from({ length: 100 }, (_, i) =>
  getAddress(keccak256(toHex(`bench payer ${i}`)).slice(0, 42)),
)
for (const payer of manyPayers)
  await depositFees(connection, contracts, { account: as(3), amount: WEI_PER_OPEN, beneficiary: payer })

const fee = parseEther('0.001')
const sizes = [
  { receipts: 1, payers: scenario.payers },
  { receipts: 100, payers: scenario.payers },
  { receipts: 10_000, payers: scenario.payers },
  { receipts: 10_000, payers: manyPayers },
]
const epochRows: Record<string, string | number>[] = []
for (const [salt, size] of sizes.entries()) {
  const metered = scenarioReceipts(scenario, size.receipts, { salt: salt + 1, fee, payers: size.payers })
  for (const m of metered) await recordUsage(store, ledgerOf(settler), m)
  const started = performance.now()
  const settled = await settleNextEpoch({ ...settler, maxReceiptsPerEpoch: size.receipts })
  const ms = performance.now() - started
  if (!settled?.epoch.txHash) throw new Error('the epoch did not settle')
  const gas = await gasOf(settled.epoch.txHash)
  const call = settled.epoch.call
  epochRows.push({
    receipts: size.receipts,
    payers: call.charges.length,
    agents: call.agents.length,
    'adapter creators': call.adapterCreators.length,
    'settleEpoch gas': Number(gas),
    'gas / receipt': Number(gas / BigInt(size.receipts)),
    'plan + send ms': Math.round(ms),
  })
}

// ------------------------------------------------------------------ staker and contributor operations
const [agentOne] = scenario.agentIds
const staker = as(7)
const newcomer = as(8)
const stakeGas = async (account: typeof staker) =>
  gasOf((await stake(connection, contracts, { account, agentId: agentOne, amount: parseEther('10') })).hash)
const opRows: { operation: string; gas: bigint }[] = []
opRows.push({ operation: 'stake (first position on the agent)', gas: await stakeGas(newcomer) })
opRows.push({ operation: 'stake (adding to a position)', gas: await stakeGas(staker) })
const unstake = async () =>
  gasOf(
    (
      await requestUnstake(connection, contracts, {
        account: staker,
        agentId: agentOne,
        amount: parseEther('5'),
      })
    ).hash,
  )
opRows.push({ operation: 'requestUnstake (first)', gas: await unstake() })
opRows.push({ operation: 'requestUnstake (adding to unbonding)', gas: await unstake() })
const params = await connection.publicClient.readContract({
  address: contracts.AgentStaking,
  abi: agentStakingAbi,
  functionName: 'params',
})
await testClient.increaseTime({ seconds: Number(params.unbondingPeriod) + 1 })
await testClient.mine({ blocks: 1 })
opRows.push({
  operation: 'withdraw (unbonded stake)',
  gas: await gasOf((await withdraw(connection, contracts, { account: staker, agentId: agentOne })).hash),
})
opRows.push({
  operation: 'claimRewards (staker)',
  gas: await gasOf((await claimRewards(connection, contracts, { account: staker, agentId: agentOne })).hash),
})
const payout = await getPayoutClaim(store, ledgerOf(settler), alice)
if (!payout) throw new Error('alice earned nothing')
opRows.push({
  operation: 'claim (contributor, first)',
  gas: await gasOf(
    (
      await claimContributorReward(connection, contracts, {
        account: as(3),
        beneficiary: alice,
        cumulative: payout.cumulative,
        proof: payout.proof,
      })
    ).hash,
  ),
})
// Settle one more epoch so alice has something new to claim, then claim again.
for (const m of scenarioReceipts(scenario, 3, { salt: 99, fee }))
  await recordUsage(store, ledgerOf(settler), m)
await settleNextEpoch(settler)
const again = await getPayoutClaim(store, ledgerOf(settler), alice)
opRows.push({
  operation: 'claim (contributor, again)',
  gas: await gasOf(
    (
      await claimContributorReward(connection, contracts, {
        account: as(3),
        beneficiary: alice,
        cumulative: again!.cumulative,
        proof: again!.proof,
      })
    ).hash,
  ),
})

const verdict = (gas: bigint, target: bigint) => (gas <= target ? 'yes' : `no (+${gas - target})`)
console.log('\nSettlement gas (EDR devnet, deployed contracts, one run; gas is deterministic)\n')
console.table(
  opRows.map(({ operation, gas }) => ({
    operation,
    gas: Number(gas),
    '≤ 80k': verdict(gas, OPERATION_TARGET),
  })),
)
console.table(
  epochRows.map((row) => ({
    ...row,
    // The target is amortized over a 10,000-receipt epoch; a small epoch pays the fixed cost alone.
    '≤ 500 / receipt at 10k':
      row.receipts === 10_000 ? verdict(BigInt(row['gas / receipt']!), PER_RECEIPT_TARGET) : '',
  })),
)
const [one, , tenThousand] = epochRows
console.log(
  `10,000 receipts cost ${(Number(tenThousand!['settleEpoch gas']) / Number(one!['settleEpoch gas'])).toFixed(2)}× one receipt's settleEpoch: the call carries one entry per payer, agent and adapter creator, never per receipt.`,
)
await store.close()
env.cleanup()
