import { openTokenAbi, openTokenBytecode } from '@openledger/contracts'
import { type Address, createTestClient, custom, type Hex } from 'viem'
import { privateKeyToAccount } from 'viem/accounts'
import { type ChainConnection, connectChain } from '../connectChain.js'
import { deployContract } from '../deploy/deployContract.js'
import { createDevnet, type Devnet } from '../devnet/createDevnet.js'
import { TOTAL_SUPPLY } from '../genesis.js'
import { safeArtifact } from '../safe/safeArtifacts.js'

/** Dev accounts: the holder of the whole OPEN supply, and two others. */
export const [HOLDER, ALICE, BOB] = [1, 2, 3] as const

export type CallsFixture = {
  devnet: Devnet
  connection: ChainConnection
  testClient: ReturnType<typeof createTestClient>
  /** OpenToken, its whole supply held by `HOLDER`. */
  token: Address
  /** Safe's MultiSendCallOnly: its `multiSend` is payable. */
  multiSend: Address
  multiSendAbi: ReturnType<typeof safeArtifact>['abi']
  account: (i: number) => ReturnType<typeof privateKeyToAccount>
  address: (i: number) => Address
}

/**
 * For the write path's tests: a bare devnet (no protocol deployment, so it starts fast) with OpenToken and
 * MultiSendCallOnly deployed by dev account 0.
 */
export async function callsFixture(): Promise<CallsFixture> {
  const devnet = await createDevnet({ accountCount: 4 })
  const connection = await connectChain({ rpc: devnet })
  const testClient = createTestClient({ mode: 'hardhat', transport: custom(devnet), chain: connection.chain })
  const account = (i: number) => privateKeyToAccount(devnet.accounts[i]!.privateKey as Hex)
  const address = (i: number) => devnet.accounts[i]!.address
  const token = await deployContract(connection, account(0), {
    abi: openTokenAbi,
    bytecode: openTokenBytecode,
    args: [[address(HOLDER)], [TOTAL_SUPPLY]],
  })
  const { abi: multiSendAbi, bytecode } = safeArtifact('multiSendCallOnlyAddress')
  const multiSend = await deployContract(connection, account(0), { abi: multiSendAbi, bytecode, args: [] })
  return { devnet, connection, testClient, token, multiSend, multiSendAbi, account, address }
}
