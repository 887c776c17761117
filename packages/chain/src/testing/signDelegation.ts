import { openTokenAbi } from '@openledger/contracts'
import { type Address, type Hex, type LocalAccount, type PublicClient, parseSignature } from 'viem'
import { eip712DomainOf } from './eip712DomainOf.js'

export type SignDelegationParameters = {
  token: Address
  delegatee: Address
  expiry: bigint
  /** Default: the signer's next nonce on the chain. */
  nonce?: bigint
}

/**
 * For tests: an ERC20Votes delegation signed with `signer`, as the arguments of the token's `delegateBySig`.
 *
 * @example
 * await token.write.delegateBySig(await signDelegation(client, holder, { token, delegatee, expiry }))
 */
export async function signDelegation(
  client: PublicClient,
  signer: LocalAccount,
  parameters: SignDelegationParameters,
): Promise<readonly [Address, bigint, bigint, number, Hex, Hex]> {
  const { token, delegatee, expiry } = parameters
  const nonce =
    parameters.nonce ??
    (await client.readContract({
      address: token,
      abi: openTokenAbi,
      functionName: 'nonces',
      args: [signer.address],
    }))
  const signature = await signer.signTypedData({
    domain: await eip712DomainOf(client, token),
    types: {
      Delegation: [
        { name: 'delegatee', type: 'address' },
        { name: 'nonce', type: 'uint256' },
        { name: 'expiry', type: 'uint256' },
      ],
    },
    primaryType: 'Delegation',
    message: { delegatee, nonce, expiry },
  })
  const { v, r, s } = parseSignature(signature)
  return [delegatee, nonce, expiry, Number(v), r, s]
}
