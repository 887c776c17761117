import { revertOf } from '@openledger/chain/testing'
import { spendingLimitModuleAbi } from '@openledger/contracts'
import { type Address, encodeFunctionData, getContract, type Hex, parseEther } from 'viem'
import { describe, expect, it } from 'vitest'
import { disableSpendingLimit } from './disableSpendingLimit.js'
import { enableSpendingLimit } from './enableSpendingLimit.js'
import { safeModuleAbi } from './safeModuleAbi.js'
import { AGENT, RECIPIENT, useWalletDevnet } from './testing.js'

const SENTINEL: Address = '0x0000000000000000000000000000000000000001'

describe('disableSpendingLimit', () => {
  const devnet = useWalletDevnet()
  const moduleAs = (i: number) =>
    getContract({ address: devnet.module, abi: spendingLimitModuleAbi, client: devnet.clientOf(i) })
  const agentSpends = (amount = parseEther('1')) =>
    moduleAs(AGENT).write.executeTransfer([devnet.safe, devnet.open, RECIPIENT, amount])

  const asUserSafe = (to: Address, data: Hex) => devnet.asUserSafe(to, data)
  const module = (functionName: 'enableModule' | 'disableModule') =>
    asUserSafe(
      devnet.safe,
      functionName === 'enableModule'
        ? encodeFunctionData({ abi: safeModuleAbi, functionName, args: [devnet.module] })
        : encodeFunctionData({ abi: safeModuleAbi, functionName, args: [SENTINEL, devnet.module] }),
    )
  const disable = () =>
    disableSpendingLimit(devnet.env.connection, devnet.store, {
      infrastructure: devnet.env.manifest.safe,
      safe: devnet.safe,
      module: devnet.module,
      ownerKey: devnet.ownerKey(),
    })
  const isDelegate = () => moduleAs(0).read.isDelegate([devnet.safe, devnet.address(AGENT)])

  it("ends every delegation and disables the module in one owners' step: re-enabling revives none", async () => {
    // Enabling through enableSpendingLimit started generation 1; disabling moves to the next.
    expect(await moduleAs(0).read.generationOf([devnet.safe])).toBe(1n)
    const disabled = await disable()
    expect(disabled).toMatchObject({ wasEnabled: true, threshold: 1, txHash: expect.stringMatching(/^0x/) })
    expect(await moduleAs(0).read.generationOf([devnet.safe])).toBe(2n)
    await expect(agentSpends()).rejects.toThrow() // the Safe refuses a disabled module (GS104)
    await module('enableModule')
    expect(await isDelegate()).toBe(false)
    expect(await revertOf(agentSpends())).toEqual({
      errorName: 'UnknownDelegate',
      args: [devnet.safe, devnet.address(AGENT)],
    })
  })

  it('after a bare disable anyone may end the delegations; then re-enabling revives none', async () => {
    await module('disableModule')
    await devnet.mined(moduleAs(9).write.recordDisabled([devnet.safe]))
    await module('enableModule')
    expect(await isDelegate()).toBe(false)
    expect((await revertOf(agentSpends())).errorName).toBe('UnknownDelegate')
  })

  it('the limit: a bare disable re-enabled before anyone records it revives the delegation, until the owners end it', async () => {
    await module('disableModule')
    await module('enableModule')
    // Nothing on-chain told the module: the delegation is back, and recordDisabled is too late.
    expect(await isDelegate()).toBe(true)
    expect(await revertOf(moduleAs(9).write.recordDisabled([devnet.safe]))).toEqual({
      errorName: 'ModuleStillEnabled',
      args: [devnet.safe],
    })
    await devnet.mined(agentSpends())
    // The owners' own step ends it for good.
    await disable()
    await module('enableModule')
    expect(await isDelegate()).toBe(false)
  })

  it('after a bare disable, re-enabling through enableSpendingLimit (for a new agent) revives no old delegate', async () => {
    await module('disableModule')
    const { connection, manifest } = devnet.env
    const newAgent = devnet.address(4)
    const enabled = await enableSpendingLimit(connection, devnet.store, {
      infrastructure: manifest.safe,
      safe: devnet.safe,
      module: devnet.module,
      delegate: newAgent,
      allowances: [{ token: devnet.open, amount: parseEther('5'), resetPeriod: 86_400 }],
      ownerKeys: [devnet.ownerKey()],
    })
    expect(enabled.moduleEnabled).toBe(true)
    expect(await isDelegate()).toBe(false)
    expect((await revertOf(agentSpends())).errorName).toBe('UnknownDelegate')
    expect(await moduleAs(0).read.isDelegate([devnet.safe, newAgent])).toBe(true)
  })

  it('on a Safe whose module is already disabled, ends the delegations alone', async () => {
    await module('disableModule')
    expect(await disable()).toMatchObject({ wasEnabled: false })
    await module('enableModule')
    expect(await isDelegate()).toBe(false)
  })
})
