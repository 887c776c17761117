import { zeroAddress } from 'viem'
import { saltOf } from '../modelRegistryFixture.js'
import type { Attack } from './attackChecks.js'
import { ADAPTER, type AttackModelRegistry, CREATOR, MALLORY, RELAYER } from './registryAttackHarness.js'

const DAY = 24n * 3600n

/** The honest creator commits to its claim (before publishing the adapter); returns what it registers later. */
async function honestCommit(r: AttackModelRegistry) {
  const claim = r.claim(CREATOR)
  const salt = saltOf('honest')
  await r.commit(claim, salt)
  return { claim, salt, signature: await r.sign(CREATOR, claim) }
}
/** Mallory's own claim of the adapter, committed now (it learnt the hash: a later block than the creator's). */
async function squatterCommit(r: AttackModelRegistry, label = 'squat') {
  const claim = r.claim(MALLORY)
  const salt = saltOf(label)
  await r.commit(claim, salt, MALLORY)
  return { claim, salt, signature: await r.sign(MALLORY, claim) }
}
type Committed = Awaited<ReturnType<typeof honestCommit>>
const registerAs = (r: AttackModelRegistry, c: Committed, by: number) =>
  r.register(c.claim, c.salt, c.signature, by)
async function holdsCreator(r: AttackModelRegistry, check: Parameters<Attack['run']>[1], who: number) {
  check.holds((await r.creator()) === r.address(who), `the adapter's creator is not dev account ${who}`)
}

/** Attacks on adapter authorship: squatting, copied claims, commitments and the Safe's powers. */
export const modelRegistryAttacks: readonly Attack<AttackModelRegistry>[] = [
  {
    name: 'squatting a hash seen in the creator’s pending registration',
    protections: ['commitment-required', 'commitment-age'],
    async run(r, check) {
      const honest = await honestCommit(r)
      // The creator's registration is pending: Mallory read the hash from it and races it.
      const own = r.claim(MALLORY)
      const salt = saltOf('race')
      const signature = await r.sign(MALLORY, own)
      await check.refused(r.register(own, salt, signature, MALLORY), 'ModelRegistryUnknownCommitment')
      // Committing and revealing in the block of the creator's registration, ahead of it.
      await r.testClient.setAutomine(false)
      try {
        await r.as(MALLORY).write.commitAdapter([r.commitment(own, salt)], { gas: 100_000n })
        const reveal = r.as(MALLORY).simulate.registerAdapter([own, salt, signature], { blockTag: 'pending' })
        await check.refused(reveal, 'ModelRegistryCommitmentTooRecent')
      } finally {
        await r.testClient.mine({ blocks: 1 })
        await r.testClient.setAutomine(true)
      }
      await r.mined(registerAs(r, honest, RELAYER))
      await holdsCreator(r, check, CREATOR)
    },
  },
  {
    name: 'copying the creator’s signed registration',
    protections: ['claim-signature'],
    async run(r, check) {
      const honest = await honestCommit(r)
      // Mallory names itself creator under the creator's signature (committing to that claim first).
      const renamed = { ...honest.claim, creator: r.address(MALLORY) }
      await r.commit(renamed, honest.salt, MALLORY)
      await check.refused(
        r.register(renamed, honest.salt, honest.signature, MALLORY),
        'ModelRegistryInvalidSignature',
      )
      // Or keeps the creator and changes the lineage it signed (another URI and datanet).
      const altered = { ...honest.claim, uri: 'ipfs://mallory', datanetIds: [2n] }
      await check.refused(
        r.register(altered, honest.salt, honest.signature, MALLORY),
        'ModelRegistryInvalidSignature',
      )
      // Sent as it is, the copy registers the creator: Mallory only paid its gas.
      await r.mined(registerAs(r, honest, MALLORY))
      await holdsCreator(r, check, CREATOR)
    },
  },
  {
    name: 'squatting a published hash with its own claim after the creator committed',
    protections: ['earliest-commitment'],
    async run(r, check) {
      const honest = await honestCommit(r)
      // The adapter's files are published; Mallory commits and registers them first.
      await r.mined(registerAs(r, await squatterCommit(r), MALLORY))
      // The creator's earlier commitment takes the adapter back.
      await r.mined(registerAs(r, honest, RELAYER))
      await holdsCreator(r, check, CREATOR)
      // A fresh commitment of Mallory's is later still: refused.
      const again = await squatterCommit(r, 'squat again')
      await check.refused(registerAs(r, again, MALLORY), 'ModelRegistryAdapterAlreadyRegistered')
      await holdsCreator(r, check, CREATOR)
    },
  },
  {
    name: 're-committing the creator’s commitment to push it behind a squat',
    protections: ['commit-once'],
    async run(r, check) {
      const honest = await honestCommit(r)
      const squat = await squatterCommit(r)
      // The creator's commitment is public: Mallory records it again, hoping to move its block after its own.
      const commitment = r.commitment(honest.claim, honest.salt)
      await check.refused(r.as(MALLORY).write.commitAdapter([commitment]), 'ModelRegistryAlreadyCommitted')
      await r.mined(registerAs(r, squat, MALLORY))
      await r.mined(registerAs(r, honest, RELAYER))
      await holdsCreator(r, check, CREATOR)
    },
  },
  {
    name: 'taking an adapter over with an expired early commitment',
    protections: ['commitment-ttl'],
    async run(r, check) {
      // Mallory had the files before their creator committed (it trained them for the creator).
      const early = await squatterCommit(r, 'early')
      const honest = await honestCommit(r)
      await r.mined(registerAs(r, honest, RELAYER))
      await r.passTime(2n * DAY)
      await check.refused(registerAs(r, early, MALLORY), 'ModelRegistryCommitmentExpired')
      await holdsCreator(r, check, CREATOR)
    },
  },
  {
    name: 'registering a creator’s claim after its deadline',
    protections: ['claim-deadline'],
    async run(r, check) {
      const now = await r.now()
      // The creator handed a relayer a claim valid for an hour; the relayer sits on it.
      const claim = r.claim(CREATOR, { deadline: now + 3600n })
      const salt = saltOf('deadline')
      await r.commit(claim, salt)
      await r.passTime(2n * 3600n)
      const signature = await r.sign(CREATOR, claim)
      await check.refused(r.register(claim, salt, signature, RELAYER), 'ModelRegistryClaimExpired')
      check.holds((await r.creator()) === zeroAddress, 'the expired claim registered the adapter')
    },
  },
  {
    name: 'a revoked adapter’s creator paid after revocation',
    protections: ['revoked-unpaid', 'revoked-unservable'],
    async run(r, check) {
      // The creator keeps a second, earlier commitment in reserve.
      const reserve = r.claim(CREATOR, { uri: 'ipfs://reserve' })
      const reserveSalt = saltOf('reserve')
      await r.commit(reserve, reserveSalt)
      await r.mined(registerAs(r, await honestCommit(r), RELAYER))
      await r.mined(r.safe.write.revokeAdapter([ADAPTER, 'license withdrawn']))
      // Settlement pays creatorOf and hosts serve isServable: neither names the revoked adapter any more.
      check.holds((await r.creator()) === zeroAddress, 'settlement still pays the revoked adapter’s creator')
      check.holds(!(await r.servable()), 'the revoked adapter is still servable')
      // Registering it afresh from the earlier commitment does not bring it back.
      const signature = await r.sign(CREATOR, reserve)
      await check.refused(
        r.register(reserve, reserveSalt, signature, CREATOR),
        'ModelRegistryAdapterAlreadyRevoked',
      )
      check.holds((await r.creator()) === zeroAddress, 'the re-registered adapter pays its creator again')
    },
  },
  {
    name: 'overriding the Safe’s reassignment with an earlier commitment',
    protections: ['dispute-final'],
    async run(r, check) {
      // Mallory had the files first and committed twice, keeping the earlier commitment in reserve.
      const reserve = await squatterCommit(r, 'reserve')
      const squat = await squatterCommit(r, 'squat')
      const honest = await honestCommit(r)
      await r.mined(registerAs(r, squat, MALLORY))
      await check.refused(registerAs(r, honest, RELAYER), 'ModelRegistryAdapterAlreadyRegistered')
      // The creator disputes; the Safe names it the creator.
      await r.mined(r.safe.write.reassignCreator([ADAPTER, r.address(CREATOR), 'dispute #1']))
      await check.refused(registerAs(r, reserve, MALLORY), 'ModelRegistryCreatorReassigned')
      await holdsCreator(r, check, CREATOR)
    },
  },
  {
    name: 'an outsider reassigning an adapter to itself',
    protections: ['dispute-role'],
    async run(r, check) {
      await r.mined(registerAs(r, await honestCommit(r), RELAYER))
      for (const by of [MALLORY, CREATOR]) {
        const call = r.as(by).write.reassignCreator([ADAPTER, r.address(by), 'mine'])
        await check.refused(call, 'AccessControlUnauthorizedAccount')
      }
      await holdsCreator(r, check, CREATOR)
    },
  },
  {
    name: 'an outsider revoking a rival’s adapter',
    protections: ['revoker-role'],
    async run(r, check) {
      await r.mined(registerAs(r, await honestCommit(r), RELAYER))
      await check.refused(
        r.as(MALLORY).write.revokeAdapter([ADAPTER, 'spite']),
        'AccessControlUnauthorizedAccount',
      )
      check.holds(await r.servable(), 'an outsider revoked the adapter')
    },
  },
]
