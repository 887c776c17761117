import { useDeployedDevnet } from '@openledger/chain/testing'
import { getSettlementState, getSettlerBond, withdrawSettlerBond } from '@openledger/staking'
import { parseEther } from 'viem'
import { describe, expect, it } from 'vitest'
import { ProvisionFundsError } from '../errors.js'
import { ensureSettlerBond } from './ensureSettlerBond.js'

/** Dev accounts: 5 holds the ecosystem's OPEN; 9 is the devnet's settler, with no OPEN; 8 has none either. */
const [FUNDER, POOR, SETTLER] = [5, 8, 9] as const

const devnet = useDeployedDevnet()

describe('ensureSettlerBond', () => {
  it('funds and deposits the minimum bond once, then only what a withdrawal took, from the settler’s own OPEN first', async () => {
    const { connection, manifest } = devnet.env
    const { minSettlerBond } = await getSettlementState(connection, manifest.contracts)
    expect(minSettlerBond).toBe(parseEther('1000'))
    const parameters = { settler: devnet.account(SETTLER), funder: devnet.account(FUNDER) }
    expect(await ensureSettlerBond(connection, manifest.contracts, parameters)).toEqual({
      bond: minSettlerBond,
      deposited: minSettlerBond,
    })
    expect(await ensureSettlerBond(connection, manifest.contracts, parameters)).toEqual({
      bond: minSettlerBond,
      deposited: 0n,
    })

    await withdrawSettlerBond(connection, manifest.contracts, {
      account: devnet.account(SETTLER),
      amount: parseEther('250'),
    })
    const funderBefore = await devnet.tokenAs(FUNDER).read.balanceOf([devnet.address(FUNDER)])
    expect(await ensureSettlerBond(connection, manifest.contracts, parameters)).toEqual({
      bond: minSettlerBond,
      deposited: parseEther('250'),
    })
    // The withdrawn 250 OPEN went back in: the funder sent nothing more.
    expect(await devnet.tokenAs(FUNDER).read.balanceOf([devnet.address(SETTLER)])).toBe(0n)
    expect(await devnet.tokenAs(FUNDER).read.balanceOf([devnet.address(FUNDER)])).toBe(funderBefore)
  })

  it('says which funder is short', async () => {
    const { connection, manifest } = devnet.env
    const short = ensureSettlerBond(connection, manifest.contracts, {
      settler: devnet.account(SETTLER),
      funder: devnet.account(POOR),
    })
    await expect(short).rejects.toThrow(ProvisionFundsError)
    await expect(short).rejects.toThrow(/^The settler bond funder account 0x/)
    expect(await getSettlerBond(connection, manifest.contracts, { settler: devnet.address(SETTLER) })).toBe(
      0n,
    )
  })
})
