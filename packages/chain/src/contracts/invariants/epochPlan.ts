import type { Address } from 'viem'
import { defaultProtocolParameters } from '../../deploy/protocolParameters.js'
import { type Charge, sortCharges } from '../feeRouterSettlement.js'
import type { PostInput } from './actions.js'
import { BPS, type Model } from './model.js'
import {
  ADAPTER_CREATORS,
  BYSTANDER,
  CONTRIBUTORS,
  PAYERS,
  type ProtocolHarness,
  SETTLER,
} from './protocolHarness.js'
import { capLeft, chargeable } from './routerModel.js'

const SPLITS = defaultProtocolParameters.splits
const share = (fees: bigint, bps: number) => (fees * BigInt(bps)) / BPS
const sum = (values: readonly bigint[]) => values.reduce((a, b) => a + b, 0n)

/** `total` split by integer weights, the remainder to the last weight, so the parts sum to `total`. */
export function splitByWeights(total: bigint, weights: readonly bigint[]): bigint[] {
  const all = sum(weights)
  const parts = weights.map((w) => (total * w) / all)
  parts[parts.length - 1]! += total - sum(parts)
  return parts
}

/**
 * The epoch the settler posts for `input`, built by FeeRouter's rules from what the model says each payer
 * may be charged now; the malicious modes break one rule each (see `PostMode`). `honest` says whether its
 * payouts root pays contributors exactly what it funds.
 */
export function epochPlan(h: ProtocolHarness, model: Model, input: PostInput, routerHolds: bigint) {
  const { router, clock } = model
  const payers = PAYERS.map((i) => h.devnet.address(i))
  let charges: Charge[] = payers
    .map((payer, k) => ({
      payer,
      amount: (chargeable(router, payer, clock) * input.chargePermille[k]!) / 1000n,
    }))
    .filter((c) => c.amount > 0n)
  const [first] = payers as [Address]
  if (input.mode === 'unauthorised') {
    const bystander = h.devnet.address(BYSTANDER)
    charges.push({ payer: bystander, amount: router.prepaid.get(bystander)! / 2n + 1n })
  }
  const others = charges.filter((c) => c.payer !== first)
  if (input.mode === 'aboveCap')
    charges = [...others, { payer: first, amount: capLeft(router, first, clock) + 1n }]
  if (input.mode === 'overdraw')
    charges = [...others, { payer: first, amount: router.prepaid.get(first)! + 1n }]
  if (input.mode === 'emptyBigRoot') charges = []
  charges = sortCharges(charges)
  const total = sum(charges.map((c) => c.amount))
  const firstFees = (total * input.firstAgentPercent) / 100n
  const [a, b] = h.agentIds()
  const agents = [
    { agentId: a!, fees: firstFees },
    { agentId: b!, fees: total - firstFees },
  ]
  const adapterPool = sum(agents.map(({ fees }) => share(fees, SPLITS.adapterCreators)))
  const firstAdapter = (adapterPool * input.firstAdapterPercent) / 100n
  const adapters = [
    { creator: ADAPTER_CREATORS[0]!, amount: firstAdapter },
    { creator: ADAPTER_CREATORS[1]!, amount: adapterPool - firstAdapter },
  ]
  const contributorPool = sum(agents.map(({ fees }) => share(fees, SPLITS.contributors)))
  const paid =
    input.mode === 'overpay' ? contributorPool + 1n : (contributorPool * input.paidPermille) / 1000n
  const settler = h.devnet.address(SETTLER)
  const parts = splitByWeights(paid, input.contributorWeights)
  let amounts = new Map(CONTRIBUTORS.map((c, k) => [c, parts[k]!] as const).filter(([, v]) => v > 0n))
  if (input.mode === 'selfPay' && paid > 0n) amounts = new Map([[settler, paid]])
  // Charges nobody, funds nothing, and promises the settler everything the router holds.
  if (input.mode === 'emptyBigRoot') amounts = new Map([[settler, routerHolds > 0n ? routerHolds : 1n]])
  const honest = input.mode !== 'selfPay' && input.mode !== 'emptyBigRoot'
  return { charges, agents, adapters, contributorPool, contributorsPaid: paid, amounts, honest }
}
