import { revertOf } from '@openledger/chain/testing'
import { spendingLimitModuleAbi } from '@openledger/contracts'
import { type Address, encodeFunctionData, getContract, type Hex, parseEther, parseEventLogs } from 'viem'
import { describe, expect, it } from 'vitest'
import { enableSpendingLimit } from './enableSpendingLimit.js'
import { NATIVE_TOKEN } from './nativeToken.js'
import { proposeSafeTransfer } from './proposeSafeTransfer.js'
import { revokeDelegate } from './revokeDelegate.js'
import { AGENT, DAY, erc20BalanceOf, OWNER, RECIPIENT, SAFE_OPEN, useWalletDevnet } from './testing.js'

const OPEN = (n: string) => parseEther(n)

describe('SpendingLimitModule', () => {
  const devnet = useWalletDevnet()
  const moduleAs = (i: number) =>
    getContract({ address: devnet.module, abi: spendingLimitModuleAbi, client: devnet.clientOf(i) })
  const openOf = (account: Address) => erc20BalanceOf(devnet, devnet.open, account)

  const asUserSafe = (to: Address, data: Hex) => devnet.asUserSafe(to, data)

  it('lets the delegate send within the allowance, refuses more, and resets after the period', async () => {
    const { safe, open, mined } = devnet
    const agent = moduleAs(AGENT)
    const receipt = await mined(agent.write.executeTransfer([safe, open, RECIPIENT, OPEN('5')]))
    expect(await openOf(RECIPIENT)).toBe(OPEN('5'))
    expect(await openOf(safe)).toBe(SAFE_OPEN - OPEN('5'))
    const [event] = parseEventLogs({
      abi: spendingLimitModuleAbi,
      logs: receipt.logs,
      eventName: 'TransferExecuted',
    })
    expect(event?.args).toEqual({
      safe,
      delegate: devnet.address(AGENT),
      token: open,
      to: RECIPIENT,
      amount: OPEN('5'),
      spent: OPEN('5'),
    })

    const allowance = await agent.read.allowanceOf([safe, devnet.address(AGENT), open])
    expect(allowance).toMatchObject({
      amount: OPEN('10'),
      spent: OPEN('5'),
      remaining: OPEN('5'),
      resetPeriod: 86_400n,
    })
    const resetsAt = allowance.lastReset + allowance.resetPeriod
    expect(await revertOf(agent.write.executeTransfer([safe, open, RECIPIENT, OPEN('6')]))).toEqual({
      errorName: 'AllowanceExceeded',
      args: [OPEN('10'), OPEN('5'), OPEN('6'), resetsAt],
    })
    expect(await openOf(RECIPIENT)).toBe(OPEN('5'))

    await devnet.testClient.increaseTime({ seconds: DAY })
    await devnet.testClient.mine({ blocks: 1 })
    expect(await agent.read.allowanceOf([safe, devnet.address(AGENT), open])).toMatchObject({
      spent: 0n,
      remaining: OPEN('10'),
      lastReset: resetsAt,
    })
    await mined(agent.write.executeTransfer([safe, open, RECIPIENT, OPEN('6')]))
    expect(await openOf(RECIPIENT)).toBe(OPEN('11'))
  })

  it('lets only a Safe with the module enabled set allowances', async () => {
    const { safe, open, address } = devnet
    // An owner calling the module directly configures nothing: the caller is the Safe being configured.
    expect(
      await revertOf(moduleAs(OWNER).write.setAllowance([address(OWNER), open, OPEN('1000'), 0n])),
    ).toEqual({ errorName: 'ModuleNotEnabled', args: [address(OWNER)] })
    // The treasury Safe has not enabled the module (simulated as a call from it).
    const treasury = devnet.env.manifest.treasurySafe.address
    const args = [address(AGENT), open, OPEN('1000'), 0n] as const
    expect(
      await revertOf(
        devnet.env.connection.publicClient.simulateContract({
          account: treasury,
          address: devnet.module,
          abi: spendingLimitModuleAbi,
          functionName: 'setAllowance',
          args,
        }),
      ),
    ).toEqual({ errorName: 'ModuleNotEnabled', args: [treasury] })
    expect((await moduleAs(AGENT).read.allowanceOf([safe, address(AGENT), open])).amount).toBe(OPEN('10'))

    // Through its own Safe transaction the user's Safe can.
    await asUserSafe(
      devnet.module,
      encodeFunctionData({ abi: spendingLimitModuleAbi, functionName: 'setAllowance', args }),
    )
    expect(await moduleAs(AGENT).read.allowanceOf([safe, address(AGENT), open])).toMatchObject({
      amount: OPEN('1000'),
      resetPeriod: 0n,
      remaining: OPEN('1000'),
    })
  })

  it('never grants more than the larger allowance when the Safe changes one its delegate just spent', async () => {
    const { safe, open, mined, address } = devnet
    const agent = moduleAs(AGENT)
    const setAllowance = (amount: bigint, period: bigint) =>
      asUserSafe(
        devnet.module,
        encodeFunctionData({
          abi: spendingLimitModuleAbi,
          functionName: 'setAllowance',
          args: [address(AGENT), open, amount, period],
        }),
      )
    const remaining = async () => (await agent.read.allowanceOf([safe, address(AGENT), open])).remaining
    // The race: the delegate spends the whole old allowance (10 a day) just before the change lands.
    await mined(agent.write.executeTransfer([safe, open, RECIPIENT, OPEN('10')]))
    // A new period (8 every two days) starts now but still counts what was spent: nothing is left.
    await setAllowance(OPEN('8'), 2n * BigInt(DAY))
    expect(await remaining()).toBe(0n)
    expect((await revertOf(agent.write.executeTransfer([safe, open, RECIPIENT, OPEN('1')]))).errorName).toBe(
      'AllowanceExceeded',
    )
    // Raised to 15 in the same period: 5 more, never 15 more.
    await setAllowance(OPEN('15'), 2n * BigInt(DAY))
    expect(await remaining()).toBe(OPEN('5'))
    await mined(agent.write.executeTransfer([safe, open, RECIPIENT, OPEN('5')]))
    expect(await openOf(RECIPIENT)).toBe(OPEN('15'))
    // Once the new period has passed, the new allowance is whole.
    await devnet.testClient.increaseTime({ seconds: 2 * DAY })
    await devnet.testClient.mine({ blocks: 1 })
    expect(await remaining()).toBe(OPEN('15'))
  })

  it('refuses a token without code: as an allowance and as a transfer', async () => {
    const { safe, address } = devnet
    const codeless = '0x000000000000000000000000000000000000dEaD' as Address
    const data = encodeFunctionData({
      abi: spendingLimitModuleAbi,
      functionName: 'setAllowance',
      args: [address(AGENT), codeless, OPEN('1'), BigInt(DAY)],
    })
    await expect(asUserSafe(devnet.module, data)).rejects.toThrow()
    // The Safe's inner call is what reverted, and why: simulated as the Safe.
    const simulated = devnet.env.connection.publicClient.simulateContract({
      account: safe,
      address: devnet.module,
      abi: spendingLimitModuleAbi,
      functionName: 'setAllowance',
      args: [address(AGENT), codeless, OPEN('1'), BigInt(DAY)],
    })
    expect(await revertOf(simulated)).toEqual({ errorName: 'TokenHasNoCode', args: [codeless] })
    expect(await moduleAs(AGENT).read.tokensOf([safe, address(AGENT)])).not.toContain(codeless)
    expect(
      await revertOf(moduleAs(AGENT).write.executeTransfer([safe, codeless, RECIPIENT, OPEN('1')])),
    ).toEqual({
      errorName: 'TokenHasNoCode',
      args: [codeless],
    })
  })

  it('refuses an unknown delegate, zero amounts and the zero address', async () => {
    const { safe, open, address } = devnet
    const stranger = moduleAs(9)
    expect(await revertOf(stranger.write.executeTransfer([safe, open, RECIPIENT, OPEN('1')]))).toEqual({
      errorName: 'UnknownDelegate',
      args: [safe, address(9)],
    })
    const agent = moduleAs(AGENT)
    expect(await revertOf(agent.write.executeTransfer([safe, open, RECIPIENT, 0n]))).toEqual({
      errorName: 'ZeroAmount',
      args: [],
    })
    expect(await revertOf(agent.write.executeTransfer([safe, open, NATIVE_TOKEN, OPEN('1')]))).toEqual({
      errorName: 'ZeroAddress',
      args: [],
    })
    expect(await openOf(safe)).toBe(SAFE_OPEN)
  })

  it('forgets a removed delegate', async () => {
    const { safe, open, address } = devnet
    const receipt = await asUserSafe(
      devnet.module,
      encodeFunctionData({
        abi: spendingLimitModuleAbi,
        functionName: 'removeDelegate',
        args: [address(AGENT)],
      }),
    )
    expect(receipt.txHash).toMatch(/^0x/)
    expect(await moduleAs(AGENT).read.isDelegate([safe, address(AGENT)])).toBe(false)
    expect(await revertOf(moduleAs(AGENT).write.executeTransfer([safe, open, RECIPIENT, OPEN('1')]))).toEqual(
      {
        errorName: 'UnknownDelegate',
        args: [safe, address(AGENT)],
      },
    )
  })

  it('moves the native token within its own allowance', async () => {
    const { safe, address, mined, env } = devnet
    await enableSpendingLimit(env.connection, devnet.store, {
      infrastructure: env.manifest.safe,
      safe,
      module: devnet.module,
      delegate: address(AGENT),
      ownerKeys: [devnet.ownerKey()],
      allowances: [{ token: NATIVE_TOKEN, amount: parseEther('1'), resetPeriod: DAY }],
    })
    const agent = moduleAs(AGENT)
    expect(await agent.read.tokensOf([safe, address(AGENT)])).toEqual([devnet.open, NATIVE_TOKEN])
    await mined(agent.write.executeTransfer([safe, NATIVE_TOKEN, RECIPIENT, parseEther('0.4')]))
    const balance = () => env.connection.publicClient.getBalance({ address: RECIPIENT })
    expect(await balance()).toBe(parseEther('0.4'))
    expect(
      await revertOf(agent.write.executeTransfer([safe, NATIVE_TOKEN, RECIPIENT, parseEther('0.7')])),
    ).toMatchObject({ errorName: 'AllowanceExceeded' })
    expect(await balance()).toBe(parseEther('0.4'))
  })

  it('reverts with TransferFailed when the Safe cannot pay, recording nothing', async () => {
    const { safe, open, address, mined } = devnet
    await asUserSafe(
      devnet.module,
      encodeFunctionData({
        abi: spendingLimitModuleAbi,
        functionName: 'setAllowance',
        args: [address(AGENT), open, SAFE_OPEN * 2n, BigInt(DAY)],
      }),
    )
    const agent = moduleAs(AGENT)
    expect(await revertOf(agent.write.executeTransfer([safe, open, RECIPIENT, SAFE_OPEN + 1n]))).toEqual({
      errorName: 'TransferFailed',
      args: [safe, open, RECIPIENT, SAFE_OPEN + 1n],
    })
    expect((await agent.read.allowanceOf([safe, address(AGENT), open])).spent).toBe(0n)
    await mined(agent.write.executeTransfer([safe, open, RECIPIENT, SAFE_OPEN]))
    expect(await openOf(safe)).toBe(0n)
  })

  it("revokes a delegate in one owners' step, however many over-limit proposals its agent filed first", async () => {
    const { safe, open, address } = devnet
    const { connection, manifest } = devnet.env
    // The flood: the agent files proposals above its allowance, each taking the next free nonce.
    for (let i = 0; i < 5; i++)
      await proposeSafeTransfer(connection, devnet.store, {
        infrastructure: manifest.safe,
        safe,
        token: open,
        to: RECIPIENT,
        amount: OPEN('50'),
        proposer: address(AGENT),
      })
    const revoked = await revokeDelegate(connection, devnet.store, {
      infrastructure: manifest.safe,
      safe,
      module: devnet.module,
      delegate: address(AGENT),
      ownerKey: devnet.ownerKey(),
    })
    expect(revoked).toMatchObject({ threshold: 1, txHash: expect.stringMatching(/^0x[0-9a-f]{64}$/) })
    expect(await moduleAs(AGENT).read.isDelegate([safe, address(AGENT)])).toBe(false)
    expect(await revertOf(moduleAs(AGENT).write.executeTransfer([safe, open, RECIPIENT, OPEN('1')]))).toEqual(
      {
        errorName: 'UnknownDelegate',
        args: [safe, address(AGENT)],
      },
    )
    // Revoking again says so, proposing nothing.
    await expect(
      revokeDelegate(connection, devnet.store, {
        infrastructure: manifest.safe,
        safe,
        module: devnet.module,
        delegate: address(AGENT),
        ownerKey: devnet.ownerKey(),
      }),
    ).rejects.toThrow(`${address(AGENT)} is not a delegate of Safe ${safe}`)
    expect(await openOf(RECIPIENT)).toBe(0n)
  })
})
