import { keccak256, toHex } from 'viem'
import { OPEN } from '../feeRouterFixture.js'
import type { Attack } from './attackChecks.js'
import {
  ATTACK_CAP,
  MALLORY,
  MIN_BOND,
  PAYER,
  PAYER_2,
  PREPAID,
  SAFE_OWNER,
  SETTLER,
  VICTIM,
  WITHDRAWAL_DELAY,
} from './attackHarness.js'

const SETTLER_ROLE = keccak256(toHex('SETTLER_ROLE'))
const VETO_ROLE = keccak256(toHex('VETO_ROLE'))

/** Attacks on payers' balances and caps, settlers' bonds and the Safe's powers. */
export const chargeAttacks: Attack[] = [
  {
    name: 'charging a payer who never authorised (never used the service)',
    protections: ['authorization'],
    async run(r, check) {
      const victim = r.address(VICTIM)
      await check.refused(r.post(r.epoch(1n, [[VICTIM, OPEN(10n)]])), 'FeeRouterChargeNotAuthorized')
      const alongside = r.epoch(1n, [
        [PAYER, OPEN(10n)],
        [VICTIM, OPEN(10n)],
      ])
      await check.refused(r.post(alongside), 'FeeRouterChargeNotAuthorized')
      check.holds((await r.as(0).read.balanceOf([victim])) === PREPAID, 'the victim was charged')
    },
  },
  {
    name: 'charging above a cap',
    protections: ['cap'],
    async run(r, check) {
      const over = ATTACK_CAP.perPeriod + 1n
      await check.refused(r.post(r.epoch(1n, [[PAYER, over]])), 'FeeRouterChargeAboveCap')
      await r.settle(r.epoch(1n, [[PAYER, OPEN(30n)]]))
      // Within the same period, a second epoch may charge only what the first left of the cap.
      const second = r.epoch(2n, [
        [PAYER, OPEN(20n) + 1n],
        [PAYER_2, OPEN(5n)],
      ])
      await check.refused(r.post(second), 'FeeRouterChargeAboveCap')
    },
  },
  {
    name: 'charging above a payer’s balance',
    protections: ['charge-balance'],
    async run(r, check) {
      // A payer that authorised more than it holds is still charged at most its balance.
      await r.mined(r.as(PAYER_2).write.authorizeCharges([OPEN(1000n), ATTACK_CAP.period]))
      await check.refused(r.post(r.epoch(1n, [[PAYER_2, PREPAID + 1n]])), 'FeeRouterInsufficientBalance')
    },
  },
  {
    name: 'a payer withdrawing between metering and settling',
    protections: ['withdrawal-delay', 'withdraw-balance'],
    async run(r, check) {
      const payer = r.address(PAYER)
      const metered = OPEN(30n)
      const before = await r.balanceOf(payer)
      await r.mined(r.as(PAYER).write.requestWithdrawal([PREPAID]))
      await check.refused(r.as(PAYER).write.withdraw([PREPAID]), 'FeeRouterWithdrawalLocked')
      // The delay leaves settlement time to charge what was metered.
      await r.mined(r.post(r.epoch(1n, [[PAYER, metered]])))
      await r.passTime(WITHDRAWAL_DELAY)
      await check.refused(r.as(PAYER).write.withdraw([PREPAID]), 'FeeRouterInsufficientBalance')
      await r.mined(r.as(PAYER).write.withdraw([PREPAID - metered]))
      check.holds((await r.balanceOf(payer)) - before === PREPAID - metered, 'the payer took back too much')
    },
  },
  {
    name: 'posting without the settler role',
    protections: ['settler-role'],
    async run(r, check) {
      await r.mined(r.as(MALLORY).write.depositBond([MIN_BOND]))
      const selfPaid = new Map([[r.address(MALLORY), OPEN(1n)]])
      await check.refused(
        r.post(r.epoch(1n, [[PAYER, OPEN(30n)]], selfPaid), MALLORY),
        'AccessControlUnauthorizedAccount',
      )
    },
  },
  {
    name: 'posting without a bond',
    protections: ['bond'],
    async run(r, check) {
      await r.mined(r.as(SETTLER).write.withdrawBond([MIN_BOND]))
      await check.refused(r.post(r.epoch(1n, [[PAYER, OPEN(30n)]])), 'FeeRouterBondTooLow')
    },
  },
  {
    name: 'withdrawing a bond while its epoch is pending',
    protections: ['bond-locked'],
    async run(r, check) {
      await r.mined(r.post(r.epoch(1n, [[PAYER, OPEN(30n)]])))
      await check.refused(r.as(SETTLER).write.withdrawBond([MIN_BOND]), 'FeeRouterBondLocked')
      await r.mined(r.safe.write.vetoEpoch([1n, MIN_BOND]))
      check.holds((await r.as(0).read.bondOf([r.address(SETTLER)])) === 0n, 'the bond escaped the slash')
    },
  },
  {
    name: 'withdrawing more bond than a slash left',
    protections: ['bond-balance'],
    async run(r, check) {
      await r.mined(r.post(r.epoch(1n, [[PAYER, OPEN(30n)]])))
      await r.mined(r.safe.write.vetoEpoch([1n, MIN_BOND / 2n]))
      await check.refused(r.as(SETTLER).write.withdrawBond([MIN_BOND]), 'FeeRouterInsufficientBalance')
    },
  },
  {
    name: 'an EOA vetoing',
    protections: ['veto-role'],
    async run(r, check) {
      await r.mined(r.post(r.epoch(1n, [[PAYER, OPEN(30n)]])))
      // The charged payer, a Safe owner alone, the settler and an outsider.
      for (const who of [PAYER, SAFE_OWNER, SETTLER, MALLORY])
        await check.refused(r.as(who).write.vetoEpoch([1n, MIN_BOND]), 'AccessControlUnauthorizedAccount')
    },
  },
  {
    name: 'an EOA exercising a Safe power',
    protections: ['splits-role', 'window-role', 'bond-role'],
    async run(r, check) {
      const grab = { contributors: 0, agentCreator: 0, adapterCreators: 10_000, stakers: 0, treasury: 0 }
      const safe = await r.as(0).read.treasury()
      for (const who of [MALLORY, SAFE_OWNER, SETTLER]) {
        const router = r.as(who).write
        const calls = [
          () => router.setSplits([grab]),
          () => router.setDisputeWindow([1n]),
          () => router.setMinSettlerBond([0n]),
          () => router.grantRole([SETTLER_ROLE, r.address(MALLORY)]),
          () => router.revokeRole([VETO_ROLE, safe]),
        ]
        for (const call of calls) await check.refused(call(), 'AccessControlUnauthorizedAccount')
      }
    },
  },
]
