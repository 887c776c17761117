import { OPEN } from '../feeRouterFixture.js'
import { CONTRIBUTOR_1, CONTRIBUTOR_2, CONTRIBUTOR_3, type Epoch } from '../feeRouterSettlement.js'
import type { Attack } from './attackChecks.js'
import type { AttackRouter } from './attackHarness.js'
import {
  ATTACK_CAP,
  DISPUTE_WINDOW,
  MALLORY,
  MIN_BOND,
  PAYER,
  PAYER_2,
  PREPAID,
  SETTLER,
} from './attackHarness.js'

const refund = (r: AttackRouter, e: Epoch) => r.as(MALLORY).write.refundCharges([e.epoch, e.charges])
/** Posts `e` and has the Safe veto it (slashing nothing). */
async function postVetoed(r: AttackRouter, e: Epoch) {
  await r.mined(r.post(e))
  await r.mined(r.safe.write.vetoEpoch([e.epoch, 0n]))
}
const claimArgs = (e: Epoch, account: `0x${string}`) => {
  const { amount, proof } = e.payouts.proofOf(account)
  return [e.epoch, account, amount, proof] as const
}

/** Attacks on the dispute window, vetoes, refunds, routing and claims. */
export const epochAttacks: Attack[] = [
  {
    name: 'the empty-epoch root swap',
    protections: ['epoch-funds', 'claim-proof'],
    async run(r, check) {
      const honest = r.epoch(1n, [[PAYER, OPEN(30n)]])
      await r.settle(honest)
      // Epoch 2 charges nobody; its payouts root hands the settler everything epoch 1 made claimable.
      const settler = r.address(SETTLER)
      const swap = { ...r.epoch(2n, [], new Map([[settler, honest.contributorsPaid]])), contributorsPaid: 0n }
      await r.settle(swap)
      const [, , amount, proof] = claimArgs(swap, settler)
      await check.refused(r.as(SETTLER).write.claim([2n, settler, amount, proof]), 'FeeRouterUnderfunded')
      await check.refused(r.as(SETTLER).write.claim([1n, settler, amount, proof]), 'FeeRouterInvalidProof')
      await check.claimsInFull(r, honest)
    },
  },
  {
    name: 'a veto while a later epoch waits',
    protections: ['one-pending'],
    async run(r, check) {
      const bad = r.epoch(1n, [[PAYER, OPEN(30n)]])
      await r.mined(r.post(bad))
      // A later epoch charging someone else waits too: posting it would drop the pending one's escrow.
      await check.refused(r.post(r.epoch(2n, [[PAYER_2, OPEN(10n)]])), 'FeeRouterEpochPending')
      await r.mined(r.safe.write.vetoEpoch([1n, 0n]))
      await r.mined(refund(r, bad))
      // Computed from the last final state: the payer's balance and cap are whole again.
      const next = r.epoch(2n, [
        [PAYER, ATTACK_CAP.perPeriod],
        [PAYER_2, OPEN(10n)],
      ])
      await r.settle(next)
      const left = await r.as(0).read.balanceOf([r.address(PAYER)])
      check.holds(left === PREPAID - ATTACK_CAP.perPeriod, 'the vetoed epoch still counts against the payer')
      await check.claimsInFull(r, next)
    },
  },
  {
    name: 'finalising early',
    protections: ['window'],
    async run(r, check) {
      const e = r.epoch(1n, [[PAYER, OPEN(30n)]])
      await r.mined(r.post(e))
      await check.refused(r.finalize(e), 'FeeRouterDisputeWindowOpen')
      await r.mined(r.safe.write.vetoEpoch([1n, 0n])) // the window kept the veto possible
    },
  },
  {
    name: 'finalising a vetoed epoch in place of the pending one',
    protections: ['finalize-pending'],
    async run(r, check) {
      const settler = r.address(SETTLER)
      const selfPaid = r.epoch(1n, [[PAYER, OPEN(30n)]], new Map([[settler, OPEN(1n)]]))
      await postVetoed(r, selfPaid)
      const honest = r.epoch(2n, [[PAYER_2, OPEN(30n)]])
      await r.mined(r.post(honest))
      await r.passTime(DISPUTE_WINDOW)
      await check.refused(r.finalize({ ...honest, epoch: 1n }), 'FeeRouterNotPending')
      await r.mined(r.finalize(honest))
      await check.refused(r.as(SETTLER).write.claim(claimArgs(selfPaid, settler)), 'FeeRouterEpochNotFinal')
      await check.claimsInFull(r, honest)
    },
  },
  {
    name: 'vetoing an earlier final epoch',
    protections: ['veto-pending'],
    async run(r, check) {
      const honest = r.epoch(1n, [[PAYER, OPEN(30n)]])
      await r.settle(honest)
      await r.mined(r.post(r.epoch(2n, [[PAYER_2, OPEN(10n)]])))
      await check.refused(r.safe.write.vetoEpoch([1n, MIN_BOND]), 'FeeRouterNotPending')
      await check.claimsInFull(r, honest)
    },
  },
  {
    name: 'vetoing after the window',
    protections: ['veto-window'],
    async run(r, check) {
      const e = r.epoch(1n, [[PAYER, OPEN(30n)]])
      await r.mined(r.post(e))
      await r.passTime(DISPUTE_WINDOW)
      await check.refused(r.safe.write.vetoEpoch([1n, MIN_BOND]), 'FeeRouterDisputeWindowClosed')
      await r.mined(r.finalize(e))
      await check.claimsInFull(r, e)
    },
  },
  {
    name: 'refunding twice',
    protections: ['refund-once'],
    async run(r, check) {
      const bad = r.epoch(1n, [[PAYER, OPEN(30n)]])
      await postVetoed(r, bad)
      await r.mined(refund(r, bad))
      await check.refused(refund(r, bad), 'FeeRouterNotRefundable')
      const balance = await r.as(0).read.balanceOf([r.address(PAYER)])
      check.holds(balance === PREPAID, 'the payer was refunded more than it was charged')
    },
  },
  {
    name: 'refunding other charges than the vetoed epoch’s',
    protections: ['refund-charges'],
    async run(r, check) {
      const bad = r.epoch(1n, [[PAYER, OPEN(30n)]])
      await postVetoed(r, bad)
      const inflated = { ...bad, charges: bad.charges.map((c) => ({ ...c, amount: c.amount * 3n })) }
      await check.refused(refund(r, inflated), 'FeeRouterChargesMismatch')
      const mallory = { ...bad, charges: [{ payer: r.address(MALLORY), amount: OPEN(30n) }] }
      await check.refused(refund(r, mallory), 'FeeRouterChargesMismatch')
    },
  },
  {
    name: 'redirecting the routing at finalisation',
    protections: ['routing-hash'],
    async run(r, check) {
      const e = r.epoch(1n, [[PAYER, OPEN(30n)]])
      await r.mined(r.post(e))
      await r.passTime(DISPUTE_WINDOW)
      const redirected = { ...e, adapters: e.adapters.map((a) => ({ ...a, creator: r.address(MALLORY) })) }
      await check.refused(r.finalize(redirected), 'FeeRouterRoutingMismatch')
    },
  },
  {
    name: 'claiming twice',
    protections: ['claim-once'],
    async run(r, check) {
      const e = r.epoch(1n, [[PAYER, OPEN(30n)]])
      await r.settle(e)
      // The smallest payouts, claimed twice, would come out of the others' share of the epoch's funds.
      await r.mined(r.as(MALLORY).write.claim(claimArgs(e, CONTRIBUTOR_3)))
      await check.refused(r.as(MALLORY).write.claim(claimArgs(e, CONTRIBUTOR_3)), 'FeeRouterAlreadyClaimed')
      const [epoch, account, amount, proof] = claimArgs(e, CONTRIBUTOR_2)
      const twice = [
        { epoch, amount, proof },
        { epoch, amount, proof },
      ]
      await check.refused(r.as(MALLORY).write.claimMany([account, twice]), 'FeeRouterAlreadyClaimed')
      await check.claimsInFull(r, {
        ...e,
        amounts: new Map([[CONTRIBUTOR_1, e.amounts.get(CONTRIBUTOR_1)!]]),
      })
    },
  },
  {
    name: 'claiming another contributor’s payout',
    protections: ['claim-proof'],
    async run(r, check) {
      const e = r.epoch(1n, [[PAYER, OPEN(30n)]])
      await r.settle(e)
      const [, , amount, proof] = claimArgs(e, CONTRIBUTOR_1)
      const mallory = r.address(MALLORY)
      await check.refused(r.as(MALLORY).write.claim([1n, mallory, amount, proof]), 'FeeRouterInvalidProof')
      await check.claimsInFull(r, e)
    },
  },
]
