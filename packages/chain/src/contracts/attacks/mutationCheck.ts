import type { Hex, TestClient } from 'viem'
import { beforeAll, describe, expect, it } from 'vitest'
import { type Attack, type AttackOutcome, runAttack } from './attackChecks.js'
import { compileVariants, contractSource, protectionsOf, withoutGuard } from './contractMutants.js'

export type MutationCheckParameters<Target> = {
  /** The source file under `solidity/`, e.g. `FeeRouter.sol`. */
  file: string
  /** The contract in it the attacks target. */
  contract: string
  /** The contract's creation bytecode as the contracts package built it. */
  builtBytecode: Hex
  attacks: readonly Attack<Target>[]
  /** Deploys a target from any bytecode (the build or a mutant), set up as every attack expects. */
  deploy: (bytecode: Hex) => Promise<Target>
  /** The devnet's test client, for a snapshot around each attack. */
  testClient: () => TestClient
  /** Guards whose mutant counts as caught when an attack naming them is refused by another error. */
  caughtByItsError?: ReadonlySet<string>
  /** The least number of tagged protections the source must hold. */
  minProtections: number
}

/**
 * The mutation check of one contract: for each guard tagged `// protection: <name>` in its source, a test-only
 * build with that line switched off must let at least one named attack through (one that names the guard),
 * so the attacks are shown to guard what they claim; the unmutated source must compile to the build and
 * withstand them all.
 *
 * @example
 * describeMutationCheck({ file: 'FeeRouter.sol', contract: 'FeeRouter', builtBytecode: feeRouterBytecode,
 *   attacks: feeRouterAttacks, deploy: deployRouter, testClient: () => devnet.testClient, minProtections: 20 })
 */
export function describeMutationCheck<Target>(parameters: MutationCheckParameters<Target>) {
  const { file, contract, attacks, deploy, caughtByItsError = new Set() } = parameters
  const source = contractSource(file)
  const protections = protectionsOf(source)
  let bytecodes: Record<string, Hex>

  beforeAll(() => {
    const mutants = protections.map((p) => [p.name, withoutGuard(source, p.line)] as const)
    bytecodes = compileVariants({
      file,
      contract,
      variants: { original: source, ...Object.fromEntries(mutants) },
    })
  }, 600_000)

  /** Runs `list` in order on one target from `bytecode`, each from the same snapshot, until `stop` says so. */
  async function outcomesOf(
    bytecode: Hex,
    list: readonly Attack<Target>[],
    stop: (o: AttackOutcome) => boolean,
  ) {
    const target = await deploy(bytecode)
    const outcomes: AttackOutcome[] = []
    for (const attack of list) {
      const testClient = parameters.testClient()
      const snapshot = await testClient.snapshot()
      try {
        outcomes.push(await runAttack(target, attack))
      } finally {
        await testClient.revert({ id: snapshot })
      }
      if (stop(outcomes.at(-1)!)) break
    }
    return outcomes
  }
  const shown = (outcomes: readonly AttackOutcome[]) =>
    outcomes.map((o) => `${o.attack}: ${o.outcome}${'error' in o ? ` (${o.error.message})` : ''}`).join('\n')

  describe(`${contract} mutation check`, () => {
    it('has one tag per protection, each named by an attack, and attacks naming only tags', () => {
      const names = protections.map((p) => p.name)
      expect(new Set(names).size).toBe(names.length)
      const named = new Set(attacks.flatMap((a) => a.protections))
      expect(names.filter((name) => !named.has(name))).toEqual([])
      expect([...named].filter((name) => !names.includes(name))).toEqual([])
      expect(names.length).toBeGreaterThanOrEqual(parameters.minProtections)
    })

    it('compiles the unmutated source to the build, which withstands every attack', async () => {
      expect(bytecodes.original).toBe(parameters.builtBytecode)
      const outcomes = await outcomesOf(bytecodes.original!, attacks, () => false)
      expect(
        outcomes.filter((o) => o.outcome !== 'withstood'),
        shown(outcomes),
      ).toEqual([])
      expect(outcomes).toHaveLength(attacks.length)
    })

    it.each(protections.map((p) => [p.name, p.line] as const))(
      'lets an attack through with "%s" (line %i) switched off',
      async (name) => {
        // The attacks that name this protection first, then the others.
        const mine = attacks.filter((a) => a.protections.includes(name))
        const others = attacks.filter((a) => !a.protections.includes(name))
        const caught = (o: AttackOutcome) =>
          o.outcome === 'succeeded' || (caughtByItsError.has(name) && o.outcome === 'refused otherwise')
        const outcomes = await outcomesOf(bytecodes[name]!, [...mine, ...others], caught)
        const through = outcomes.find(caught)
        expect(through, `no attack got through:\n${shown(outcomes)}`).toBeDefined()
        // …and one of the attacks that claim to rely on it.
        expect(mine.map((a) => a.name)).toContain(through!.attack)
      },
    )
  })
}
