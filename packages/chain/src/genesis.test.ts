import { WEI_PER_OPEN } from '@openledger/contracts'
import { describe, expect, it } from 'vitest'
import { defaultGenesisTable, parseGenesisTable, TOTAL_SUPPLY, validateGenesisTable } from './genesis.js'

const holders = {
  investors: '0x70997970C51812dc3A010C7d01b50e0d17dc79C8',
  team: '0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC',
  ecosystem: '0x90F79bf6EB2c4f870365E785982E1f101E93b906',
  liquidity: '0x15d34AAf54267DB7D7c367839AAf71A00a2C6A65',
} as const

describe('genesis table', () => {
  it('gives the community 51.7% through the treasury and sums to the supply', () => {
    const table = defaultGenesisTable(holders)
    expect(() => validateGenesisTable(table)).not.toThrow()
    const community = table.find((e) => e.holder === 'treasury')!
    expect((community.amount * 1000n) / TOTAL_SUPPLY).toBe(517n)
    expect(table.reduce((sum, e) => sum + e.amount, 0n)).toBe(10n ** 27n)
  })

  it('names the first problem of a bad table', () => {
    const table = defaultGenesisTable(holders)
    const short = table.map((e, i) => (i === 0 ? { ...e, amount: e.amount - 1n } : e))
    expect(() => validateGenesisTable(short)).toThrowErrorMatchingInlineSnapshot(
      `[GenesisTableError: Invalid genesis allocation table: shares sum to 999999999.999999999999999999 OPEN, but the supply is 1000000000 OPEN.]`,
    )
    expect(() => validateGenesisTable([])).toThrow('it has no entries')
    expect(() => validateGenesisTable([...table, table[1]!])).toThrow('label "investors" appears twice')
    expect(() => validateGenesisTable([{ ...table[0]!, amount: 0n }])).toThrow(
      'allocates 0 wei; must be positive',
    )
    expect(() =>
      validateGenesisTable([{ label: 'x', holder: '0x12' as never, amount: TOTAL_SUPPLY }]),
    ).toThrow('has holder "0x12", not an address or "treasury"')
  })

  it('parses a JSON table with amounts in OPEN', () => {
    const table = parseGenesisTable(
      JSON.stringify([
        { label: 'community', holder: 'treasury', amount: '517000000' },
        { label: 'rest', holder: holders.team.toLowerCase(), amount: '483000000.0' },
      ]),
    )
    expect(table).toEqual([
      { label: 'community', holder: 'treasury', amount: 517_000_000n * WEI_PER_OPEN },
      { label: 'rest', holder: holders.team, amount: 483_000_000n * WEI_PER_OPEN },
    ])
    expect(() => parseGenesisTable('{')).toThrow(/^Invalid genesis allocation table: not JSON/)
    expect(() => parseGenesisTable('[{"label":"a","holder":"treasury","amount":"-1"}]')).toThrow(
      'Invalid genesis allocation table: 0.amount: a decimal amount of OPEN, e.g. "517000000".',
    )
  })
})
