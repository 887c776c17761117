import type { ChainConnection } from '@openledger/chain'
import { type Address, type Hex, keccak256 } from 'viem'
import { DeployedCodeMissingError } from '../errors.js'

/** keccak256 of the runtime code at `address`, or undefined when it holds none. */
export async function codeHashAt(connection: ChainConnection, address: Address): Promise<Hex | undefined> {
  const code = await connection.publicClient.getCode({ address })
  return code && code !== '0x' ? keccak256(code) : undefined
}

/** Whether every remembered contract still has the code it had when deployed (a reset chain has none). */
export async function stillDeployed(
  connection: ChainConnection,
  contracts: readonly { address: Address; codeHash: Hex }[],
): Promise<boolean> {
  const found = await Promise.all(contracts.map((c) => codeHashAt(connection, c.address)))
  return contracts.every((c, i) => found[i] === c.codeHash)
}

/** The remembered form of a just-deployed contract. */
export async function deployedAt(
  connection: ChainConnection,
  address: Address,
): Promise<{ address: Address; codeHash: Hex }> {
  const codeHash = await codeHashAt(connection, address)
  if (!codeHash) throw new DeployedCodeMissingError(address)
  return { address, codeHash }
}
