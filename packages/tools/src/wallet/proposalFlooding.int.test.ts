import {
  getSafeTransactionStatus,
  proposeSafeTransaction,
  SafeNonceUsedError,
  SafeProposalLimitError,
  signSafeTransaction,
} from '@openledger/chain'
import { spendingLimitModuleAbi } from '@openledger/contracts'
import { encodeFunctionData, parseEther } from 'viem'
import { describe, expect, it } from 'vitest'
import { proposeSafeTransfer } from './proposeSafeTransfer.js'
import { revokeDelegate } from './revokeDelegate.js'
import { AGENT, RECIPIENT, useWalletDevnet } from './testing.js'

describe('proposal flooding against a revocation', () => {
  const devnet = useWalletDevnet()
  const ask = (amount: bigint, maxPending?: number) =>
    proposeSafeTransfer(devnet.env.connection, devnet.store, {
      infrastructure: devnet.env.manifest.safe,
      safe: devnet.safe,
      token: devnet.open,
      to: RECIPIENT,
      amount,
      proposer: devnet.address(AGENT),
      maxPending,
    })
  const status = (safeTxHash: `0x${string}`) =>
    getSafeTransactionStatus(devnet.env.connection, devnet.store, {
      infrastructure: devnet.env.manifest.safe,
      safeTxHash,
    })

  it("caps an agent's flood, de-duplicates it, and never holds the owners' revocation behind it", async () => {
    const { connection, manifest } = devnet.env
    // The flood: five distinct over-limit requests, none holding a nonce (all at the Safe's own, 1).
    const flood = []
    for (let i = 0; i < 5; i++) flood.push(await ask(parseEther(String(50 + i))))
    expect(flood.map((p) => [p.nonce, p.existing])).toEqual(Array(5).fill([1n, false]))
    // The same request again is the pending one, not a new proposal.
    expect(await ask(parseEther('50'))).toEqual({ ...flood[0], existing: true })
    // A sixth is refused, naming the proposer, the limit and the count.
    const refused = await ask(parseEther('60')).catch((error: unknown) => error)
    expect(refused).toBeInstanceOf(SafeProposalLimitError)
    expect(refused).toMatchObject({
      proposer: devnet.address(AGENT),
      safeAddress: devnet.safe,
      limit: 5,
      pending: 5,
    })

    // The owners' own proposal takes the Safe's nonce by default: requests do not queue it.
    const data = encodeFunctionData({
      abi: spendingLimitModuleAbi,
      functionName: 'setAllowance',
      args: [devnet.address(AGENT), devnet.open, parseEther('20'), 86_400n],
    })
    const owners = await proposeSafeTransaction(connection, devnet.store, {
      infrastructure: manifest.safe,
      safeAddress: devnet.safe,
      proposerKey: devnet.ownerKey(),
      calls: [{ to: devnet.module, data }],
    })
    expect(owners.nonce).toBe(1n)

    // `wallet revoke` executes in one step at the Safe's current nonce.
    const revoked = await revokeDelegate(connection, devnet.store, {
      infrastructure: manifest.safe,
      safe: devnet.safe,
      module: devnet.module,
      delegate: devnet.address(AGENT),
      ownerKey: devnet.ownerKey(),
    })
    expect(revoked.txHash).toMatch(/^0x[0-9a-f]{64}$/)
    expect(
      await devnet.env.connection.publicClient.readContract({
        address: devnet.module,
        abi: spendingLimitModuleAbi,
        functionName: 'isDelegate',
        args: [devnet.safe, devnet.address(AGENT)],
      }),
    ).toBe(false)
    // The flood is passed over: replaced, and an owner cannot sign one of it by mistake.
    for (const { safeTxHash } of flood) expect((await status(safeTxHash)).state).toBe('replaced')
    await expect(
      signSafeTransaction(connection, devnet.store, {
        infrastructure: manifest.safe,
        safeTxHash: flood[0]!.safeTxHash,
        signerKey: devnet.ownerKey(),
      }),
    ).rejects.toBeInstanceOf(SafeNonceUsedError)
    // Passed-over requests no longer count: the agent may ask again, at the Safe's new nonce.
    expect(await ask(parseEther('50'))).toMatchObject({ nonce: 2n, existing: false })
  })

  it('takes its limit from the caller, and an owner-signed request holds its nonce', async () => {
    const first = await ask(parseEther('50'), 2)
    await ask(parseEther('51'), 2)
    await expect(ask(parseEther('52'), 2)).rejects.toMatchObject({
      name: 'SafeProposalLimitError',
      limit: 2,
      pending: 2,
    })
    // Once an owner signs a request it is the owners' proposal: it holds its nonce and no longer counts.
    const { connection, manifest } = devnet.env
    await signSafeTransaction(connection, devnet.store, {
      infrastructure: manifest.safe,
      safeTxHash: first.safeTxHash,
      signerKey: devnet.ownerKey(),
    })
    expect(await ask(parseEther('52'), 2)).toMatchObject({ nonce: 2n, existing: false })
  })
})
