import { type Address, type Hex, toHex } from 'viem'
import { mnemonicToAccount } from 'viem/accounts'
import { DevAccountError } from './errors.js'

/** The well-known development mnemonic (Hardhat's and Anvil's): its keys are public, never use them for value. */
export const DEV_MNEMONIC = 'test test test test test test test test test test test junk'

/**
 * The devnet's chain id (Hardhat's and Anvil's): the only chain where keys from `DEV_MNEMONIC` may act. Checked
 * against the connected chain's id (`assertDevnetChain`), never taken from a flag.
 */
export const DEVNET_CHAIN_ID = 31337

export type DevAccount = { address: Address; privateKey: Hex }

/**
 * The first `count` accounts of a mnemonic (BIP-44 path m/44'/60'/0'/0/i), with their private keys.
 *
 * @example
 * const [deployer] = devAccounts(1)
 * // deployer.address === '0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266'
 */
export function devAccounts(count = 10, mnemonic = DEV_MNEMONIC): DevAccount[] {
  return Array.from({ length: count }, (_, addressIndex) => {
    const account = mnemonicToAccount(mnemonic, { addressIndex })
    const key = account.getHdKey().privateKey
    if (!key) throw new DevAccountError(addressIndex)
    return { address: account.address, privateKey: toHex(key) }
  })
}
