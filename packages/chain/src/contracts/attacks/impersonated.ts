import { type Address, createWalletClient, custom, parseEther } from 'viem'
import type { DeployedDevnetHooks } from '../../testing/useDeployedDevnet.js'

/**
 * Lets the devnet send as `address` (a Safe, say) and gives it 100 ETH of gas: what a signed Safe transaction
 * does, without the signing. Call it in a harness's setup, so every test's snapshot includes it.
 *
 * @example
 * await impersonate(devnet, devnet.env.manifest.treasurySafe.address)
 */
export async function impersonate(devnet: DeployedDevnetHooks, address: Address): Promise<void> {
  await devnet.testClient.impersonateAccount({ address })
  await devnet.testClient.setBalance({ address, value: parseEther('100') })
}

/**
 * A client pair (for viem's `getContract`) that sends as an account `impersonate` took over.
 *
 * @example
 * const asSafe = getContract({ address, abi, client: impersonatedClient(devnet, safe) })
 */
export function impersonatedClient(devnet: DeployedDevnetHooks, address: Address) {
  const { connection, devnet: provider } = devnet.env
  return {
    public: connection.publicClient,
    wallet: createWalletClient({ account: address, chain: connection.chain, transport: custom(provider) }),
  }
}
