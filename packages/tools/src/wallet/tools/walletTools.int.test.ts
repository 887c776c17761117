import { getSafeTransaction } from '@openledger/store'
import { parseEther } from 'viem'
import { describe, expect, it } from 'vitest'
import { AGENT, erc20BalanceOf, RECIPIENT, SAFE_OPEN, useWalletDevnet } from '../testing.js'
import { walletBalancesTool } from './walletBalancesTool.js'
import { walletTransferTool } from './walletTransferTool.js'

describe('wallet tools', () => {
  const devnet = useWalletDevnet()
  const transferTool = () =>
    walletTransferTool({
      connection: devnet.env.connection,
      store: devnet.store,
      infrastructure: devnet.env.manifest.safe,
      module: devnet.module,
      safe: devnet.safe,
      delegate: devnet.account(AGENT),
      tokens: [devnet.open],
    })
  const send = async (input: { token: string; to: string; amount: string | number }) =>
    JSON.parse(await transferTool().invoke(input))
  const openOf = (account: `0x${string}`) => erc20BalanceOf(devnet, devnet.open, account)

  it('"Send 5 OPEN to 0x…" within the limit moves the tokens', async () => {
    const result = await send({ token: 'OPEN', to: RECIPIENT.toLowerCase(), amount: '5' })
    expect(result).toMatchObject({
      status: 'sent',
      txHash: expect.stringMatching(/^0x[0-9a-f]{64}$/),
      from: devnet.safe,
      to: RECIPIENT,
      amount: { raw: parseEther('5').toString(), formatted: '5', symbol: 'OPEN' },
      remaining: { formatted: '5', symbol: 'OPEN' },
    })
    expect(await openOf(RECIPIENT)).toBe(parseEther('5'))
  })

  it('above the limit moves nothing, proposes a Safe transaction and says why', async () => {
    await send({ token: 'open', to: RECIPIENT, amount: 4 })
    const result = await send({ token: devnet.open, to: RECIPIENT, amount: '7.5' })
    expect(result).toMatchObject({
      status: 'needs_owner_signature',
      safeTxHash: expect.stringMatching(/^0x[0-9a-f]{64}$/),
      remaining: { formatted: '6', symbol: 'OPEN' },
      requested: { formatted: '7.5', symbol: 'OPEN' },
      resetsAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
    })
    expect(result.message).toContain(
      "Sending 7.5 OPEN is above the agent's spending limit (6 OPEN left until",
    )
    expect(await openOf(RECIPIENT)).toBe(parseEther('4'))
    const proposal = await getSafeTransaction(devnet.store, result.safeTxHash)
    expect(proposal).toMatchObject({ status: 'proposed', safeAddress: devnet.safe, to: devnet.open })
  })

  it('answers bad input and failures with error objects', async () => {
    const cases = [
      [
        { token: 'OPEN', to: 'bob', amount: '5' },
        'INVALID_INPUT',
        "to: must be a 0x-prefixed 20-byte address, got 'bob'",
      ],
      [
        { token: 'DOGE', to: RECIPIENT, amount: '5' },
        'UNKNOWN_TOKEN',
        "Unknown token 'DOGE': use one of ETH, OPEN or the address of an ERC-20 token.",
      ],
      [
        { token: 'OPEN', to: RECIPIENT, amount: '0' },
        'INVALID_INPUT',
        "amount: must be more than zero, got '0'",
      ],
      [
        { token: 'OPEN', to: RECIPIENT, amount: '-5' },
        'INVALID_INPUT',
        "amount: must be a positive decimal number of OPEN like '5' or '1.5', got '-5'",
      ],
      [{ token: 'OPEN', to: RECIPIENT, amount: '5000' }, 'INSUFFICIENT_BALANCE', undefined],
    ] as const
    for (const [input, code, message] of cases) {
      const { error } = await send(input)
      expect(error.code, JSON.stringify(input)).toBe(code)
      if (message) expect(error.message).toBe(message)
    }
    expect(await openOf(devnet.safe)).toBe(SAFE_OPEN)
  })

  it('wallet_balances reads the Safe by default', async () => {
    const tool = walletBalancesTool({
      connection: devnet.env.connection,
      safe: devnet.safe,
      tokens: [devnet.open],
    })
    const result = JSON.parse(await tool.invoke({}))
    expect(result.account).toBe(devnet.safe)
    expect(result.balances).toEqual([
      expect.objectContaining({ symbol: 'ETH', formatted: '10' }),
      expect.objectContaining({ symbol: 'OPEN', formatted: '1000', token: devnet.open }),
    ])
    expect(JSON.parse(await tool.invoke({ account: 'nope' })).error.code).toBe('INVALID_INPUT')
  })
})
