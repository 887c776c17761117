import { OPEN_DECIMALS, WEI_PER_OPEN } from '@openledger/contracts'
import { type Address, formatUnits, getAddress, isAddress, parseUnits } from 'viem'
import { z } from 'zod'
import { GenesisTableError } from './errors.js'

/** 1,000,000,000 OPEN in wei: the fixed supply of OpenToken. */
export const TOTAL_SUPPLY = 1_000_000_000n * WEI_PER_OPEN

/** `treasury` stands for the treasury Safe, whose address is known only at deployment. */
export type GenesisHolder = Address | 'treasury'
export type GenesisEntry = { label: string; holder: GenesisHolder; amount: bigint }

const OPEN = (whole: bigint) => whole * WEI_PER_OPEN

/**
 * The default genesis table: the community share (51.7%) to the treasury Safe, the rest to the given holders.
 *
 * @example
 * const table = defaultGenesisTable({ investors, team, ecosystem, liquidity })
 */
export function defaultGenesisTable(holders: {
  investors: Address
  team: Address
  ecosystem: Address
  liquidity: Address
}): GenesisEntry[] {
  return [
    { label: 'community', holder: 'treasury', amount: OPEN(517_000_000n) },
    { label: 'investors', holder: holders.investors, amount: OPEN(183_000_000n) },
    { label: 'team', holder: holders.team, amount: OPEN(150_000_000n) },
    { label: 'ecosystem', holder: holders.ecosystem, amount: OPEN(100_000_000n) },
    { label: 'liquidity', holder: holders.liquidity, amount: OPEN(50_000_000n) },
  ]
}

/**
 * Checks a genesis table: non-empty, unique labels, valid holders, positive amounts, and a sum of exactly
 * `TOTAL_SUPPLY`. Throws `GenesisTableError` naming the first problem.
 */
export function validateGenesisTable(table: readonly GenesisEntry[]): void {
  if (table.length === 0) throw new GenesisTableError('it has no entries')
  const labels = new Set<string>()
  let total = 0n
  for (const [index, entry] of table.entries()) {
    const where = `entry ${index} (${entry.label || 'no label'})`
    if (!entry.label) throw new GenesisTableError(`${where} has no label`)
    if (labels.has(entry.label)) throw new GenesisTableError(`label "${entry.label}" appears twice`)
    labels.add(entry.label)
    if (entry.holder !== 'treasury' && !isAddress(entry.holder, { strict: false })) {
      throw new GenesisTableError(`${where} has holder "${entry.holder}", not an address or "treasury"`)
    }
    if (entry.amount <= 0n)
      throw new GenesisTableError(`${where} allocates ${entry.amount} wei; must be positive`)
    total += entry.amount
  }
  if (total !== TOTAL_SUPPLY) {
    throw new GenesisTableError(
      `shares sum to ${formatUnits(total, 18)} OPEN, but the supply is ${formatUnits(TOTAL_SUPPLY, 18)} OPEN`,
    )
  }
}

const fileSchema = z
  .array(
    z.object({
      label: z.string().min(1),
      holder: z.union([z.literal('treasury'), z.string().refine((s) => isAddress(s, { strict: false }))]),
      amount: z.string().regex(/^\d+(\.\d{1,18})?$/, 'a decimal amount of OPEN, e.g. "517000000"'),
    }),
  )
  .min(1)

/**
 * Parses a genesis table from JSON (amounts in whole OPEN as decimal strings) and validates it.
 *
 * @example
 * parseGenesisTable('[{"label":"community","holder":"treasury","amount":"1000000000"}]')
 */
export function parseGenesisTable(json: string): GenesisEntry[] {
  let raw: unknown
  try {
    raw = JSON.parse(json)
  } catch (error) {
    throw new GenesisTableError(`not JSON (${(error as Error).message})`)
  }
  const parsed = fileSchema.safeParse(raw)
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!
    throw new GenesisTableError(`${issue.path.join('.') || 'file'}: ${issue.message}`)
  }
  const table = parsed.data.map((e) => ({
    label: e.label,
    holder: e.holder === 'treasury' ? ('treasury' as const) : getAddress(e.holder),
    amount: parseUnits(e.amount, OPEN_DECIMALS),
  }))
  validateGenesisTable(table)
  return table
}
