import { openTokenAbi, WEI_PER_OPEN } from '@openledger/contracts'
import {
  type Abi,
  type Address,
  type BaseError,
  concat,
  createTestClient,
  custom,
  encodeFunctionData,
  getAddress,
  type Hex,
  hashTypedData,
  keccak256,
  pad,
  parseEther,
  toFunctionSelector,
  toHex,
  zeroAddress,
} from 'viem'
import { privateKeyToAccount } from 'viem/accounts'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { safeAbi } from '../safe/safeArtifacts.js'
import { type DeployedDevnet, deployedDevnet } from '../testing/deployedDevnet.js'
import { revertOf } from '../testing/revertOf.js'

const SENTINEL = '0x0000000000000000000000000000000000000001'
const GUARD_SLOT = keccak256(toHex('guard_manager.guard.address'))
const FALLBACK_HANDLER_SLOT = keccak256(toHex('fallback_manager.handler.address'))
const safeTxTypes = {
  SafeTx: [
    { name: 'to', type: 'address' },
    { name: 'value', type: 'uint256' },
    { name: 'data', type: 'bytes' },
    { name: 'operation', type: 'uint8' },
    { name: 'safeTxGas', type: 'uint256' },
    { name: 'baseGas', type: 'uint256' },
    { name: 'gasPrice', type: 'uint256' },
    { name: 'gasToken', type: 'address' },
    { name: 'refundReceiver', type: 'address' },
    { name: 'nonce', type: 'uint256' },
  ],
} as const
const ACCOUNTS = Array.from({ length: 10 }, (_, i) => i)

let env: DeployedDevnet
const account = (i: number) => privateKeyToAccount(env.devnet.accounts[i]!.privateKey)
const safe = () => env.manifest.treasurySafe.address
const read = (address: Address, functionName: string, args: readonly unknown[] = []) =>
  env.connection.publicClient.readContract({ address, abi: safeAbi, functionName, args })
const send = (i: number, address: Address, functionName: string, args: readonly unknown[]) =>
  env.connection.walletClient(account(i)).writeContract({ address, abi: safeAbi, functionName, args })
/** The revert reason string (`GS031`), or the custom error's name. */
const reasonOf = async (promise: Promise<unknown>) => {
  const { errorName, args } = await revertOf(promise)
  return errorName === 'Error' ? args[0] : errorName
}

/** A Safe transaction paying 1 OPEN from the treasury to `to`, at the Safe's current nonce, without refunds. */
async function safeTx(to: Address) {
  const data = encodeFunctionData({
    abi: openTokenAbi,
    functionName: 'transfer',
    args: [to, WEI_PER_OPEN],
  })
  const nonce = (await read(safe(), 'nonce')) as bigint
  const [gasToken, refundReceiver] = [zeroAddress, zeroAddress]
  const token = env.manifest.contracts.OpenToken
  return {
    to: token,
    value: 0n,
    data,
    operation: 0,
    safeTxGas: 0n,
    baseGas: 0n,
    gasPrice: 0n,
    gasToken,
    refundReceiver,
    nonce,
  }
}
type SafeTx = Awaited<ReturnType<typeof safeTx>>
const domain = () => ({ chainId: env.devnet.chainId, verifyingContract: safe() })
type Signature = { by: Address; sig: Hex }
const ecdsa = async (i: number, tx: SafeTx): Promise<Signature> => ({
  by: account(i).address,
  sig: await account(i).signTypedData({
    domain: domain(),
    types: safeTxTypes,
    primaryType: 'SafeTx',
    message: tx,
  }),
})
/** A "pre-validated" signature (v = 1): counts only when sent by that owner or approved with approveHash. */
const approvedBy = (by: Address): Signature => ({ by, sig: concat([pad(by), pad('0x'), '0x01']) })
/** Signatures concatenated in ascending signer order, as the Safe requires. */
const packed = (signatures: Signature[]): Hex =>
  concat([...signatures].sort((a, b) => (BigInt(a.by) < BigInt(b.by) ? -1 : 1)).map((s) => s.sig))
const exec = (i: number, tx: SafeTx, sigs: Hex) => {
  const { to, value, data, operation, safeTxGas, baseGas, gasPrice, gasToken, refundReceiver } = tx
  const args = [to, value, data, operation, safeTxGas, baseGas, gasPrice, gasToken, refundReceiver, sigs]
  return send(i, safe(), 'execTransaction', args)
}

beforeAll(async () => {
  env = await deployedDevnet()
})
afterAll(() => env?.cleanup())

describe('the deployment leaves no admin power with any EOA', () => {
  it('configures the treasury Safe as in the config: owners, threshold, no modules, no guard', async () => {
    const { config, manifest } = env
    expect(await read(safe(), 'getOwners')).toEqual(config.owners.map((o) => getAddress(o)))
    expect(manifest.treasurySafe.owners).toEqual(config.owners)
    expect(config.owners).toEqual([0, 1, 2].map((i) => account(i).address))
    expect(await read(safe(), 'getThreshold')).toBe(BigInt(config.threshold))
    expect(config.threshold).toBe(2)
    expect(await read(safe(), 'nonce')).toBe(0n)
    expect(await read(safe(), 'getModulesPaginated', [SENTINEL, 10n])).toEqual([[], SENTINEL])
    const storage = (slot: Hex) => env.connection.publicClient.getStorageAt({ address: safe(), slot })
    expect(await storage(GUARD_SLOT)).toBe(pad('0x'))
    expect(await storage(FALLBACK_HANDLER_SLOT)).toBe(
      pad(manifest.safe.fallbackHandlerAddress.toLowerCase() as Hex),
    )
  })

  it.each(ACCOUNTS)('dev account %i cannot call any admin function of the treasury Safe', async (i) => {
    const me = account(i).address
    const [owner0] = env.config.owners as [Address]
    const calls: [string, unknown[]][] = [
      ['addOwnerWithThreshold', [me, 1n]],
      ['removeOwner', [SENTINEL, owner0, 1n]],
      ['swapOwner', [SENTINEL, owner0, me]],
      ['changeThreshold', [1n]],
      ['enableModule', [me]],
      ['disableModule', [SENTINEL, me]],
      ['setGuard', [me]],
      ['setFallbackHandler', [me]],
      ['execTransactionFromModule', [me, parseEther('1'), '0x', 0]],
      ['execTransactionFromModuleReturnData', [me, parseEther('1'), '0x', 0]],
      ['setup', [[me], 1n, zeroAddress, '0x', zeroAddress, zeroAddress, 0n, zeroAddress]],
    ]
    const reasons: Record<string, unknown> = {}
    for (const [name, args] of calls) reasons[name] = await reasonOf(send(i, safe(), name, args))
    expect(reasons).toEqual({
      addOwnerWithThreshold: 'GS031',
      removeOwner: 'GS031',
      swapOwner: 'GS031',
      changeThreshold: 'GS031',
      enableModule: 'GS031',
      disableModule: 'GS031',
      setGuard: 'GS031',
      setFallbackHandler: 'GS031',
      execTransactionFromModule: 'GS104',
      execTransactionFromModuleReturnData: 'GS104',
      setup: 'GS200',
    })
  })

  it.each(ACCOUNTS)('dev account %i cannot set up the Safe singleton', async (i) => {
    const args = [[account(i).address], 1n, zeroAddress, '0x', zeroAddress, zeroAddress, 0n, zeroAddress]
    expect(await reasonOf(send(i, env.manifest.safe.safeSingletonAddress, 'setup', args))).toBe('GS200')
  })

  it('hashes SafeTx as the Safe does', async () => {
    const tx = await safeTx(account(9).address)
    const { to, value, data, operation, safeTxGas, baseGas, gasPrice, gasToken, refundReceiver, nonce } = tx
    const args = [to, value, data, operation, safeTxGas, baseGas, gasPrice, gasToken, refundReceiver, nonce]
    const hash = hashTypedData({ domain: domain(), types: safeTxTypes, primaryType: 'SafeTx', message: tx })
    expect(await read(safe(), 'getTransactionHash', args)).toBe(hash)
  })

  it.each(ACCOUNTS)('dev account %i cannot execute a Safe transaction on its own', async (i) => {
    const tx = await safeTx(account(i).address)
    const mine = await ecdsa(i, tx)
    expect(await reasonOf(exec(i, tx, packed([mine])))).toBe('GS020')
    expect(await reasonOf(exec(i, tx, packed([approvedBy(mine.by)])))).toBe('GS020')
    // The same signature twice is not two owners.
    expect(await reasonOf(exec(i, tx, packed([mine, mine])))).toBe('GS026')
  })

  it.each([0, 1, 2])('owner %i cannot count an approval another owner never gave', async (i) => {
    const tx = await safeTx(account(i).address)
    const other = account((i + 1) % 3).address
    expect(await reasonOf(exec(i, tx, packed([await ecdsa(i, tx), approvedBy(other)])))).toBe('GS025')
  })

  it('executes the same Safe transaction with two owners, which proves the signatures above are well formed', async () => {
    const testClient = createTestClient({ mode: 'hardhat', transport: custom(env.devnet) })
    const snapshot = await testClient.snapshot()
    try {
      const recipient = account(9).address
      const tx = await safeTx(recipient)
      const hash = await exec(9, tx, packed([await ecdsa(0, tx), await ecdsa(1, tx)]))
      expect((await env.connection.publicClient.waitForTransactionReceipt({ hash })).status).toBe('success')
      const { publicClient } = env.connection
      const token = env.manifest.contracts.OpenToken
      const balanceOf = {
        address: token,
        abi: openTokenAbi,
        functionName: 'balanceOf',
        args: [recipient],
      } as const
      expect(await publicClient.readContract(balanceOf)).toBe(WEI_PER_OPEN)
      expect(await read(safe(), 'nonce')).toBe(1n)
    } finally {
      await testClient.revert({ id: snapshot })
    }
  })
})

describe('OpenToken has no admin functions', () => {
  const allowed = {
    erc20: 'allowance approve balanceOf decimals name symbol totalSupply transfer transferFrom',
    erc2612AndEip5267: 'DOMAIN_SEPARATOR eip712Domain nonces permit',
    erc5805AndEip6372: 'CLOCK_MODE checkpoints clock delegate delegateBySig delegates',
    erc5805Reads: 'getPastTotalSupply getPastVotes getVotes numCheckpoints',
    fixedSupply: 'TOTAL_SUPPLY',
  }

  it('exposes only the standard ERC20 / ERC20Permit / ERC20Votes / EIP-6372 / EIP-5267 functions', () => {
    const functions = openTokenAbi.filter((item) => item.type === 'function')
    const names = Object.values(allowed).flatMap((list) => list.split(' '))
    expect(functions.map((f) => f.name).sort()).toEqual(names.sort())
    const abi: Abi = openTokenAbi
    expect(abi.filter((item) => item.type === 'receive' || item.type === 'fallback')).toEqual([])
    const mutating = functions.filter((f) => f.stateMutability !== 'view' && f.stateMutability !== 'pure')
    expect(mutating.map((f) => f.name).sort()).toEqual([
      'approve',
      'delegate',
      'delegateBySig',
      'permit',
      'transfer',
      'transferFrom',
    ])
    expect(new Set(mutating.map((f) => f.stateMutability))).toEqual(new Set(['nonpayable']))
  })

  it('reverts on the deployed token for admin selectors it does not have', async () => {
    const forbidden = [
      'mint(address,uint256)',
      'burn(uint256)',
      'owner()',
      'pause()',
      'transferOwnership(address)',
    ]
    const outcomes = await Promise.all(
      forbidden.map((signature) =>
        env.connection.publicClient
          .call({
            account: account(0),
            to: env.manifest.contracts.OpenToken,
            data: toFunctionSelector(signature),
          })
          .then(
            () => 'succeeded',
            (error: BaseError) => error.shortMessage,
          ),
      ),
    )
    expect(outcomes).toEqual(
      forbidden.map(() => 'Execution reverted with reason: Transaction reverted without a reason.'),
    )
  })
})
