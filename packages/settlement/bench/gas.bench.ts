/**
 * Settlement gas benchmark: the gas of each staker and contributor operation, of each step of an epoch's life
 * (postEpoch, finalizeEpoch, the Safe's vetoEpoch, refundCharges) and of one epoch as it grows from 1 to 10,000
 * receipts and from 3 to 1,000 payers, through the real pipeline (ledger → plan → one post → one finalise) on
 * the devnet with the deployed contracts. Prints tables; asserts nothing (tests assert correctness).
 * Run: `npm run bench -w packages/settlement`.
 */
import { executeSafeTransaction, sendContractCall, signSafeTransaction } from '@openledger/chain'
import { deployedDevnet } from '@openledger/chain/testing'
import { agentStakingAbi, openTokenAbi, WEI_PER_OPEN } from '@openledger/contracts'
import {
  authorizeCharges,
  claimContributorReward,
  claimContributorRewards,
  claimRewards,
  depositFees,
  getSettlementState,
  proposeEpochVeto,
  requestUnstake,
  stake,
  withdraw,
} from '@openledger/staking'
import { openStore } from '@openledger/store'
import { createTestClient, custom, type Hex, keccak256, maxUint256, parseEther, toHex } from 'viem'
import { privateKeyToAccount } from 'viem/accounts'
import { countPendingReceipts } from '../src/ledger/countPendingReceipts.js'
import type { LedgerEpoch } from '../src/ledger/epochRecord.js'
import { getPayoutClaim } from '../src/ledger/getPayoutClaim.js'
import { listEpochs } from '../src/ledger/listEpochs.js'
import { recordUsage } from '../src/ledger/recordUsage.js'
import { settlementSchema } from '../src/ledger/settlementSchema.js'
import { closePostedEpoch } from '../src/settle/closePostedEpoch.js'
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
const gasOf = async (hash: Hex | null) => {
  if (!hash) throw new Error('no transaction to measure')
  return (await connection.publicClient.getTransactionReceipt({ hash })).gasUsed
}
const { disputeWindow } = await getSettlementState(connection, contracts)
async function passDisputeWindow() {
  await testClient.increaseTime({ seconds: Number(disputeWindow) + 1 })
  await testClient.mine({ blocks: 1 })
}
/** Posts the next epoch from what waits (at most `receipts`); the step's posted epoch and how long it took. */
async function post(
  receipts: number,
  maxPayersPerEpoch?: number,
): Promise<{ epoch: LedgerEpoch; ms: number }> {
  const started = performance.now()
  const step = await settleNextEpoch({ ...settler, maxReceiptsPerEpoch: receipts, maxPayersPerEpoch })
  if (!step?.posted?.txHash) throw new Error('the epoch was not posted')
  return { epoch: step.posted, ms: performance.now() - started }
}
/** Finalises `epoch` once its window has passed (and posts nothing else); the finalising transaction's gas. */
async function finalize(epoch: LedgerEpoch): Promise<bigint> {
  await passDisputeWindow()
  if ((await closePostedEpoch(settler, epoch)) !== 'final')
    throw new Error(`epoch ${epoch.epoch} is not final`)
  const [final] = await listEpochs(store, ledgerOf(settler), { epoch: epoch.epoch })
  return gasOf(final?.finalTxHash ?? null)
}

// ------------------------------------------------------------------ 1,000 payers, each authorising its charges
const manyPayers = Array.from({ length: 1_000 }, (_, i) =>
  privateKeyToAccount(keccak256(toHex(`bench payer ${i}`))),
)
await sendContractCall(connection, {
  account: as(3),
  address: contracts.OpenToken,
  abi: openTokenAbi,
  functionName: 'approve',
  args: [contracts.FeeRouter, maxUint256],
})
for (const payer of manyPayers) {
  await testClient.setBalance({ address: payer.address, value: parseEther('1') })
  await authorizeCharges(connection, contracts, { account: payer, perPeriod: WEI_PER_OPEN, period: 86_400n })
  await depositFees(connection, contracts, {
    account: as(3),
    amount: WEI_PER_OPEN,
    beneficiary: payer.address,
  })
}

// ------------------------------------------------------------------ epochs by size: post, then finalise
const fee = parseEther('0.001')
const sizes = [
  { receipts: 1, payers: scenario.payers },
  { receipts: 100, payers: scenario.payers },
  { receipts: 10_000, payers: scenario.payers },
  // Payers charged for the first time (their cap usage slot is written from zero), 400 an epoch (the default).
  { receipts: 10_000, payers: manyPayers.map((p) => p.address), label: 'never charged' },
  // The same payers again, all in one epoch.
  { receipts: 10_000, payers: manyPayers.map((p) => p.address), label: 'charged before', maxPayers: 1_000 },
]
const epochRows: Record<string, string | number>[] = []
for (const [salt, size] of sizes.entries()) {
  const metered = scenarioReceipts(scenario, size.receipts, { salt: salt + 1, fee, payers: size.payers })
  for (const m of metered) await recordUsage(store, ledgerOf(settler), m)
  // 1,000 payers do not fit one post (2^24 gas a transaction): epochs of at most 400 payers take them in turn.
  for (let part = 1; (await countPendingReceipts(store, ledgerOf(settler))) > 0; part++) {
    const { epoch, ms } = await post(size.receipts, size.maxPayers)
    const postGas = await gasOf(epoch.txHash)
    const finalGas = await finalize(epoch)
    epochRows.push({
      'epoch of': `${size.receipts} receipts, ${size.payers.length} payers${size.label ? ` ${size.label}` : ''}${part > 1 || epoch.receiptCount < size.receipts ? ` (part ${part})` : ''}`,
      receipts: epoch.receiptCount,
      payers: epoch.call.charges.length,
      agents: epoch.call.agents.length,
      'adapter creators': epoch.call.adapterCreators.length,
      'postEpoch gas': Number(postGas),
      'finalizeEpoch gas': Number(finalGas),
      'gas / receipt': Number((postGas + finalGas) / BigInt(epoch.receiptCount)),
      'plan + post ms': Math.round(ms),
    })
  }
}

// ------------------------------------------------------------------ a veto through the Safe, and the refund
for (const m of scenarioReceipts(scenario, 100, { salt: 50, fee }))
  await recordUsage(store, ledgerOf(settler), m)
const vetoed = (await post(100)).epoch
const safeStore = await openStore({ databaseUrl: ':memory:' })
const key = (i: number) => devnet.accounts[i]!.privateKey
const { safeTxHash } = await proposeEpochVeto(connection, safeStore, {
  infrastructure: manifest.safe,
  safeAddress: manifest.treasurySafe.address,
  contracts,
  proposerKey: key(0),
  epoch: vetoed.epoch,
  slash: 0n,
})
await signSafeTransaction(connection, safeStore, {
  infrastructure: manifest.safe,
  safeTxHash,
  signerKey: key(1),
})
const veto = await executeSafeTransaction(connection, safeStore, {
  infrastructure: manifest.safe,
  safeTxHash,
  executorKey: key(0),
})
await safeStore.close()
// The worker refunds it and posts its receipts again as the next epoch, which is finalised.
const afterVeto = await settleNextEpoch(settler)
const refundGas = await gasOf(afterVeto?.vetoed[0]?.refundTxHash ?? null)
await finalize(afterVeto!.posted!)

// ------------------------------------------------------------------ staker and contributor operations
const [agentOne] = scenario.agentIds
const staker = as(7)
const newcomer = as(8)
const stakeGas = async (account: typeof staker) =>
  gasOf((await stake(connection, contracts, { account, agentId: agentOne, amount: parseEther('10') })).hash)
const opRows: { operation: string; gas: bigint; target?: boolean }[] = []
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
const claims = await getPayoutClaim(store, ledgerOf(settler), alice, { connection })
if (claims.length < 4) throw new Error(`alice has ${claims.length} epochs to claim, not at least 4`)
const [first, second, ...rest] = claims
const claimOne = async (claim: (typeof claims)[number]) =>
  gasOf(
    (await claimContributorReward(connection, contracts, { account: as(3), beneficiary: alice, ...claim }))
      .hash,
  )
opRows.push({
  operation: 'claim (contributor, first ever: no OPEN held yet)',
  gas: await claimOne(first!),
  target: true,
})
opRows.push({ operation: 'claim (contributor, another epoch)', gas: await claimOne(second!), target: true })
const many = await claimContributorRewards(connection, contracts, {
  account: as(3),
  beneficiary: alice,
  claims: rest,
})
const manyGas = await gasOf(many.hash)
opRows.push({ operation: `claimMany (contributor, ${rest.length} epochs)`, gas: manyGas })
opRows.push({ operation: 'claimMany, per epoch', gas: manyGas / BigInt(rest.length) })
opRows.push({ operation: 'postEpoch (100 receipts, 3 payers)', gas: await gasOf(vetoed.txHash) })
opRows.push({ operation: 'vetoEpoch (the Safe executing it)', gas: veto.gasUsed })
opRows.push({ operation: 'refundCharges (3 payers)', gas: refundGas })

const verdict = (gas: bigint, target: bigint) => (gas <= target ? 'yes' : `no (+${gas - target})`)
console.log('\nSettlement gas (EDR devnet, deployed contracts, one run; gas is deterministic)\n')
console.table(
  opRows.map(({ operation, gas, target }) => ({
    operation,
    gas: Number(gas),
    '≤ 80k': target ? verdict(gas, OPERATION_TARGET) : '',
  })),
)
console.table(
  epochRows.map((row) => ({
    ...row,
    // The target is amortized over a 10,000-receipt epoch; a small epoch pays the fixed cost alone.
    '≤ 500 / receipt at 10k':
      Number(row.receipts) >= 1_000 ? verdict(BigInt(row['gas / receipt']!), PER_RECEIPT_TARGET) : '',
  })),
)
const [one, , tenThousand, ...largest] = epochRows
const thousandPayers = largest.slice(0, -1)
const again = largest.at(-1)!
const thousandGas = thousandPayers.reduce(
  (sum, row) => sum + Number(row['postEpoch gas']) + Number(row['finalizeEpoch gas']),
  0,
)
const perPayer = (row: (typeof epochRows)[number]) =>
  Math.round(
    (Number(row['postEpoch gas']) - Number(tenThousand!['postEpoch gas'])) / (Number(row.payers) - 3),
  )
console.log(
  `10,000 receipts cost ${(Number(tenThousand!['postEpoch gas']) / Number(one!['postEpoch gas'])).toFixed(2)}× one receipt's postEpoch: the call carries one entry per payer, agent and adapter creator, never per receipt. ` +
    `Across 1,000 payers the 10,000 receipts take ${thousandPayers.length} epochs (${thousandGas} gas posted and finalised, ${Math.round(thousandGas / 10_000)} a receipt); each payer charged for the first time adds ~${perPayer(thousandPayers[0]!)} gas to postEpoch, so one transaction (2^24 gas, EIP-7825) posts at most ~${Math.floor((16_777_216 - Number(tenThousand!['postEpoch gas'])) / perPayer(thousandPayers[0]!))} new payers. Payers charged before cost ~${perPayer(again)} each: the same 1,000 in one epoch take ${Number(again['postEpoch gas']) + Number(again['finalizeEpoch gas'])} gas (${again['gas / receipt']} a receipt).`,
)
await store.close()
env.cleanup()
