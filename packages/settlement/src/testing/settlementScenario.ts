import { type Receipt, SHARE_SCALE } from '@openledger/attribution'
import { type ChainConnection, type DevAccount, type Manifest, sendContractCall } from '@openledger/chain'
import { openTokenAbi, WEI_PER_OPEN } from '@openledger/contracts'
import {
  authorizeCharges,
  depositFees,
  depositSettlerBond,
  getSettlementState,
  registerAgent,
  stake,
} from '@openledger/staking'
import { type Address, getAddress, type Hex, keccak256, sha256, toHex } from 'viem'
import { type LocalAccount, privateKeyToAccount } from 'viem/accounts'

const OPEN = (whole: bigint) => whole * WEI_PER_OPEN
/**
 * Dev accounts: 3 funds everyone (and the settler's bond); 4–6 create agents 1–3; 7 and 8 stake; 0–2 pay (they
 * also own the Safe); 9 settles.
 */
const [FUNDER, STAKER_A, STAKER_B] = [3, 7, 8] as const
export const CREATORS = [4, 5, 6] as const
export const PAYERS = [0, 1, 2] as const
export const SETTLER = 9

const labelled = (label: string): Address => getAddress(keccak256(toHex(label)).slice(0, 42))
/** Contributors and adapter creators need no keys (they only receive, and anyone may claim for them). */
export const alice = labelled('contributor alice')
export const bob = labelled('contributor bob')
export const adapterCreatorOne = labelled('adapter creator one')
export const adapterCreatorTwo = labelled('adapter creator two')
export const adapterHash = (name: string): Hex => keccak256(toHex(`adapter ${name}`))
/** Adapter "one" serves agent 1 and "two" agent 2; agent 3's adapter has no known creator. */
export const adapterCreators = new Map<Hex, Address>([
  [adapterHash('one'), adapterCreatorOne],
  [adapterHash('two'), adapterCreatorTwo],
])

/** The base model the scenario's receipts name (sha256 of its weights, made up). */
export const BASE_MODEL = sha256(toHex('scenario base model'))
/** What each payer lets settlement charge it per day, unless a test lowers it. */
export const SCENARIO_CAP = OPEN(1_000_000n)
const DAY = 24n * 3600n

export type Scenario = {
  /** Where the receipts are charged: version 2 receipts commit to it. */
  chainId: bigint
  feeRouter: Address
  agentIds: [bigint, bigint, bigint]
  /** Active stake per agent, by staker address: agent 3 has none. */
  stakes: Map<bigint, Map<Address, bigint>>
  payers: Address[]
  deposit: bigint
}

/**
 * The settlement scenario on a freshly deployed devnet: three agents (creators 4, 5, 6), agents 1 and 2
 * staked (agent 1 by its creator and staker 7, agent 2 by staker 8), agent 3 unstaked, payers 0–2 with
 * `deposit` OPEN each in FeeRouter and charges authorised up to `SCENARIO_CAP` a day, and the settler (9)
 * bonded with FeeRouter's minimum.
 */
export async function setUpScenario(
  connection: ChainConnection,
  manifest: Manifest,
  accounts: readonly DevAccount[],
  deposit = OPEN(100n),
): Promise<Scenario> {
  const contracts = manifest.contracts
  const as = (i: number) => privateKeyToAccount(accounts[i]!.privateKey)
  await bondSettler(connection, manifest, as(FUNDER), as(SETTLER))
  for (const i of [...PAYERS, STAKER_A, STAKER_B]) {
    await sendContractCall(connection, {
      account: as(FUNDER),
      address: contracts.OpenToken,
      abi: openTokenAbi,
      functionName: 'transfer',
      args: [as(i).address, OPEN(1_000n)],
    })
  }
  const agentIds: bigint[] = []
  for (const [n, creator] of CREATORS.entries()) {
    const name = ['one', 'two', 'three'][n]!
    const { agentId } = await registerAgent(connection, contracts, {
      account: as(creator),
      metadataURI: `ipfs://agent-${name}`,
      adapterHashes: [adapterHash(name)],
      feePerCall: OPEN(1n),
    })
    agentIds.push(agentId)
  }
  const [one, two, three] = agentIds as [bigint, bigint, bigint]
  const stakes = new Map<bigint, Map<Address, bigint>>([
    [
      one,
      new Map([
        [as(CREATORS[0]).address, OPEN(100n)],
        [as(STAKER_A).address, OPEN(300n)],
      ]),
    ],
    [two, new Map([[as(STAKER_B).address, OPEN(200n)]])],
    [three, new Map()],
  ])
  const keyOf = new Map([CREATORS[0], STAKER_A, STAKER_B].map((i) => [as(i).address, as(i)]))
  for (const [agentId, stakers] of stakes)
    for (const [staker, amount] of stakers)
      await stake(connection, contracts, { account: keyOf.get(staker)!, agentId, amount })
  for (const i of PAYERS) {
    await depositFees(connection, contracts, { account: as(i), amount: deposit })
    await authorizeCharges(connection, contracts, { account: as(i), perPeriod: SCENARIO_CAP, period: DAY })
  }
  return {
    chainId: BigInt(connection.chainId),
    feeRouter: contracts.FeeRouter,
    agentIds: [one, two, three],
    stakes,
    payers: PAYERS.map((i) => as(i).address),
    deposit,
  }
}

/**
 * Funds `settler` with FeeRouter's minimum settler bond from `funder` and bonds it (a devnet settler holds no
 * OPEN of its own).
 *
 * @example
 * await bondSettler(connection, manifest, funder, settler)
 */
export async function bondSettler(
  connection: ChainConnection,
  manifest: Manifest,
  funder: LocalAccount,
  settler: LocalAccount,
): Promise<void> {
  const { minSettlerBond } = await getSettlementState(connection, manifest.contracts)
  if (minSettlerBond === 0n) return
  await sendContractCall(connection, {
    account: funder,
    address: manifest.contracts.OpenToken,
    abi: openTokenAbi,
    functionName: 'transfer',
    args: [settler.address, minSettlerBond],
  })
  await depositSettlerBond(connection, manifest.contracts, { account: settler, amount: minSettlerBond })
}

export type ScenarioReceiptsOptions = {
  /** Makes request ids differ between calls (default 0). */
  salt?: number
  /** The base fee of each receipt (default 1 OPEN); receipt i pays `fee + 2i + 1` wei. */
  fee?: bigint
  /** Who pays (default the scenario's payers); receipt i is paid by `payers[(7i) mod n]`. */
  payers?: readonly Address[]
}

/**
 * `count` version 2 receipts over the three agents, with fees of `fee` plus an odd number of wei (so every split
 * rounds), each served by its agent's adapter; a third credit alice alone, a third alice and bob half each,
 * and a third found no evidence.
 */
export function scenarioReceipts(
  scenario: Scenario,
  count: number,
  { salt = 0, fee = OPEN(1n), payers = scenario.payers }: ScenarioReceiptsOptions = {},
): { receipt: Receipt; agentId: bigint }[] {
  const names = ['one', 'two', 'three'] as const
  return Array.from({ length: count }, (_, i) => {
    const agent = i % 3
    const kind = Math.floor(i / 3) % 3
    const contribution = (who: Address, weight: bigint, tag: string) => ({
      datanetId: 1n,
      rowId: keccak256(toHex(`row ${tag}${i}`)),
      contributor: who,
      weight,
      method: tag === 'a' ? 'span' : 'retrieval',
    })
    const contributions =
      kind === 0
        ? [contribution(alice, SHARE_SCALE, 'a')]
        : kind === 1
          ? [contribution(alice, SHARE_SCALE / 2n, 'a'), contribution(bob, SHARE_SCALE / 2n, 'b')]
          : []
    const receipt: Receipt = {
      version: 2,
      chainId: scenario.chainId,
      feeRouter: scenario.feeRouter,
      baseModel: BASE_MODEL,
      kind: 'answer',
      requestId: keccak256(toHex(`request ${salt} ${i}`)),
      agentId: `agent-${names[agent]}`,
      adapters: [{ id: names[agent]!, sha256: adapterHash(names[agent]!) }],
      responseHash: keccak256(toHex(`answer ${i}`)),
      fee: fee + BigInt(2 * i + 1),
      payer: payers[(i * 7) % payers.length]!,
      timestamp: 1_760_000_000n + BigInt(i),
      noEvidence: kind === 2,
      contributions,
    }
    return { receipt, agentId: scenario.agentIds[agent]! }
  })
}
