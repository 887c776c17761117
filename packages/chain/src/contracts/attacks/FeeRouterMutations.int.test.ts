import { feeRouterBytecode } from '@openledger/contracts'
import type { Hex } from 'viem'
import { beforeAll, describe, expect, it } from 'vitest'
import type { Attack } from './attackChecks.js'
import { useAttackDevnet } from './attackHarness.js'
import { type AttackOutcome, feeRouterAttacks, runAttack } from './feeRouterAttacks.js'
import { compileFeeRouters, feeRouterSource, protectionsOf, withoutGuard } from './feeRouterMutants.js'

/**
 * The mutation check: for each guard tagged `// protection: <name>` in FeeRouter.sol, a test-only build with
 * that line switched off must let at least one named attack succeed, so the attacks are shown to guard what
 * they claim; the unmutated source must withstand them all.
 *
 * One guard is caught only by the error it refuses with: `authorization` (FeeRouterChargeNotAuthorized).
 * Without it a payer that never authorised has a zero cap, which FeeRouterChargeAboveCap refuses as well; the
 * guard names the reason (settlement and the SDK classify it), so its mutant counts as caught when its attack
 * is refused otherwise.
 */
const CAUGHT_BY_ITS_ERROR = new Set(['authorization'])

const source = feeRouterSource()
const protections = protectionsOf(source)
const { devnet, deployRouter } = useAttackDevnet()
let bytecodes: Record<string, Hex>

beforeAll(() => {
  const mutants = protections.map((p) => [p.name, withoutGuard(source, p.line)] as const)
  bytecodes = compileFeeRouters({ original: source, ...Object.fromEntries(mutants) })
}, 600_000)

/** Runs `attacks` in order on one router from `bytecode`, each from the same snapshot, until `stop` says so. */
async function outcomesOf(bytecode: Hex, attacks: readonly Attack[], stop: (o: AttackOutcome) => boolean) {
  const router = await deployRouter(bytecode)
  const outcomes: AttackOutcome[] = []
  for (const attack of attacks) {
    const snapshot = await devnet.testClient.snapshot()
    try {
      outcomes.push(await runAttack(router, attack))
    } finally {
      await devnet.testClient.revert({ id: snapshot })
    }
    if (stop(outcomes.at(-1)!)) break
  }
  return outcomes
}
const shown = (outcomes: readonly AttackOutcome[]) =>
  outcomes.map((o) => `${o.attack}: ${o.outcome}${'error' in o ? ` (${o.error.message})` : ''}`).join('\n')

describe('FeeRouter mutation check', () => {
  it('has one tag per protection, each named by an attack, and attacks naming only tags', () => {
    const names = protections.map((p) => p.name)
    expect(new Set(names).size).toBe(names.length)
    const named = new Set(feeRouterAttacks.flatMap((a) => a.protections))
    expect(names.filter((name) => !named.has(name))).toEqual([])
    expect([...named].filter((name) => !names.includes(name))).toEqual([])
    expect(names.length).toBeGreaterThanOrEqual(20)
  })

  it('compiles the unmutated source to the build, which withstands every attack', async () => {
    expect(bytecodes.original).toBe(feeRouterBytecode)
    const outcomes = await outcomesOf(bytecodes.original!, feeRouterAttacks, () => false)
    expect(
      outcomes.filter((o) => o.outcome !== 'withstood'),
      shown(outcomes),
    ).toEqual([])
    expect(outcomes).toHaveLength(feeRouterAttacks.length)
  })

  it.each(protections.map((p) => [p.name, p.line] as const))(
    'lets an attack through with "%s" (line %i) switched off',
    async (name) => {
      // The attacks that name this protection first, then the others.
      const [mine, others] = [
        feeRouterAttacks.filter((a) => a.protections.includes(name)),
        feeRouterAttacks.filter((a) => !a.protections.includes(name)),
      ]
      const caught = (o: AttackOutcome) =>
        o.outcome === 'succeeded' || (CAUGHT_BY_ITS_ERROR.has(name) && o.outcome === 'refused otherwise')
      const outcomes = await outcomesOf(bytecodes[name]!, [...mine, ...others], caught)
      const through = outcomes.find(caught)
      expect(through, `no attack got through:\n${shown(outcomes)}`).toBeDefined()
      // …and one of the attacks that claim to rely on it.
      expect(mine.map((a) => a.name)).toContain(through!.attack)
    },
  )
})
