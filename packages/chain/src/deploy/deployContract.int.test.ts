import { openTokenAbi, openTokenBytecode } from '@openledger/contracts'
import { privateKeyToAccount } from 'viem/accounts'
import { describe, expect, it } from 'vitest'
import { connectChain } from '../connectChain.js'
import { createDevnet } from '../devnet/createDevnet.js'
import { deployContract } from './deployContract.js'

describe('deployContract', () => {
  it('deploys, and throws a reverting constructor as a ContractCallRevertedError with its error', async () => {
    const devnet = await createDevnet({ accountCount: 2 })
    const connection = await connectChain({ rpc: devnet })
    const deployer = privateKeyToAccount(devnet.accounts[0]!.privateKey)
    const holder = devnet.accounts[1]!.address
    const contract = { abi: openTokenAbi, bytecode: openTokenBytecode }
    const error = await deployContract(connection, deployer, {
      ...contract,
      args: [[holder, holder], [1n]],
    }).catch((e: unknown) => e)
    expect(error).toMatchObject({
      name: 'ContractCallRevertedError',
      errorName: 'GenesisLengthMismatch',
      args: [2n, 1n],
      functionName: 'constructor',
    })
    expect((error as Error).message).toMatchInlineSnapshot(
      `"Contract creation reverted with GenesisLengthMismatch(2, 1)."`,
    )
  })
})
