import { executeSafeTransaction, getSafeTransactionStatus, signSafeTransaction } from '@openledger/chain'
import { spendingLimitModuleAbi } from '@openledger/contracts'
import { parseEther } from 'viem'
import { describe, expect, it } from 'vitest'
import { agentTransfer } from './agentTransfer.js'
import { createUserSafe } from './createUserSafe.js'
import { enableSpendingLimit } from './enableSpendingLimit.js'
import { getAllowance } from './getAllowance.js'
import { getBalances } from './getBalances.js'
import { NATIVE_TOKEN } from './nativeToken.js'
import {
  AGENT,
  DAY,
  erc20BalanceOf,
  OWNER,
  RECIPIENT,
  SAFE_ETHER,
  SAFE_OPEN,
  useWalletDevnet,
} from './testing.js'

describe('wallet SDK', () => {
  const devnet = useWalletDevnet()
  const transfer = (amount: bigint, token = devnet.open) =>
    agentTransfer(devnet.env.connection, devnet.store, {
      infrastructure: devnet.env.manifest.safe,
      module: devnet.module,
      delegate: devnet.account(AGENT),
      safe: devnet.safe,
      token,
      to: RECIPIENT,
      amount,
    })
  const openOf = (account: `0x${string}`) => erc20BalanceOf(devnet, devnet.open, account)

  it('getBalances reads the native and ERC-20 balances with symbols and decimals', async () => {
    const { balances, account } = await getBalances(devnet.env.connection, {
      account: devnet.safe,
      tokens: [devnet.open],
    })
    expect(account).toBe(devnet.safe)
    expect(balances).toEqual([
      { address: NATIVE_TOKEN, symbol: 'ETH', decimals: 18, balance: SAFE_ETHER, formatted: '10' },
      { address: devnet.open, symbol: 'OPEN', decimals: 18, balance: SAFE_OPEN, formatted: '1000' },
    ])
  })

  it('agentTransfer sends within the allowance through the module', async () => {
    const result = await transfer(parseEther('5'))
    expect(result).toMatchObject({ status: 'sent', amount: parseEther('5'), remaining: parseEther('5') })
    expect(await openOf(RECIPIENT)).toBe(parseEther('5'))
    expect(await openOf(devnet.safe)).toBe(SAFE_OPEN - parseEther('5'))
  })

  it('agentTransfer above the allowance moves nothing and proposes a Safe transaction the owner executes', async () => {
    await transfer(parseEther('5'))
    const result = await transfer(parseEther('6'))
    if (result.status !== 'proposal') throw new Error(`expected a proposal, got ${result.status}`)
    expect(result).toMatchObject({ requested: parseEther('6'), remaining: parseEther('5'), nonce: 1n })
    const allowance = await getAllowance(devnet.env.connection, {
      module: devnet.module,
      safe: devnet.safe,
      delegate: devnet.address(AGENT),
      token: devnet.open,
    })
    expect(result.resetsAt).toBe(allowance.resetsAt)
    expect(allowance.lastReset + DAY).toBe(allowance.resetsAt)
    expect(await openOf(RECIPIENT)).toBe(parseEther('5'))

    const { connection, manifest } = devnet.env
    const infrastructure = manifest.safe
    const status = await getSafeTransactionStatus(connection, devnet.store, {
      infrastructure,
      safeTxHash: result.safeTxHash,
    })
    expect(status).toMatchObject({
      state: 'awaiting-signatures',
      threshold: 1,
      missing: [devnet.address(OWNER)],
    })
    expect(status.transaction).toMatchObject({
      safeAddress: devnet.safe,
      to: devnet.open,
      proposer: devnet.address(AGENT),
    })

    await signSafeTransaction(connection, devnet.store, {
      infrastructure,
      safeTxHash: result.safeTxHash,
      signerKey: devnet.ownerKey(),
    })
    await executeSafeTransaction(connection, devnet.store, {
      infrastructure,
      safeTxHash: result.safeTxHash,
      executorKey: devnet.ownerKey(),
    })
    expect(await openOf(RECIPIENT)).toBe(parseEther('11'))
  })

  it('agentTransfer refuses what the Safe cannot pay and bad input, with typed errors', async () => {
    await expect(transfer(SAFE_OPEN + 1n)).rejects.toMatchObject({
      name: 'SafeBalanceTooLowError',
      code: 'INSUFFICIENT_BALANCE',
      balance: SAFE_OPEN,
      needed: SAFE_OPEN + 1n,
    })
    await expect(transfer(0n)).rejects.toMatchObject({ name: 'WalletInputError', field: 'amount' })
    await expect(transfer(1n, '0x1234' as `0x${string}`)).rejects.toMatchObject({
      name: 'WalletInputError',
      field: 'token',
    })
    expect(await openOf(devnet.safe)).toBe(SAFE_OPEN)
  })

  it('creates a 2-of-3 user Safe and enables the spending limit with two owner signatures', async () => {
    const { connection, manifest, devnet: chain } = devnet.env
    const key = (i: number) => chain.accounts[i]!.privateKey
    const safe = await createUserSafe(connection, {
      infrastructure: manifest.safe,
      deployerKey: key(0),
      owners: [devnet.address(1), devnet.address(2), devnet.address(OWNER)],
      threshold: 2,
      saltNonce: '42',
    })
    const enabled = await enableSpendingLimit(connection, devnet.store, {
      infrastructure: manifest.safe,
      safe,
      module: devnet.module,
      delegate: devnet.address(AGENT),
      ownerKeys: [key(OWNER), key(1)],
      allowances: [
        { token: devnet.open, amount: parseEther('3'), resetPeriod: DAY },
        { token: NATIVE_TOKEN, amount: parseEther('0.1'), resetPeriod: 0 },
      ],
    })
    expect(enabled.moduleEnabled).toBe(true)
    const tokens = await connection.publicClient.readContract({
      address: devnet.module,
      abi: spendingLimitModuleAbi,
      functionName: 'tokensOf',
      args: [safe, devnet.address(AGENT)],
    })
    expect(tokens).toEqual([devnet.open, NATIVE_TOKEN])
    await expect(
      enableSpendingLimit(connection, devnet.store, {
        infrastructure: manifest.safe,
        safe,
        module: devnet.module,
        delegate: devnet.address(AGENT),
        ownerKeys: [key(OWNER)],
        allowances: [{ token: devnet.open, amount: parseEther('30'), resetPeriod: DAY }],
      }),
    ).rejects.toMatchObject({ name: 'SafeInsufficientSignaturesError' })
  })
})
