import { openTokenAbi } from '@openledger/contracts'
import { type Address, type Hex, type LocalAccount, type PublicClient, parseSignature } from 'viem'
import { eip712DomainOf } from './eip712DomainOf.js'

export type SignPermitParameters = {
  token: Address
  /** Default: the signer; another address makes a permit the token must refuse. */
  owner?: Address
  spender: Address
  value: bigint
  deadline: bigint
  /** Default: the owner's next nonce on the chain. */
  nonce?: bigint
}

/**
 * For tests: an EIP-2612 permit signed with `signer`, as the arguments of the token's `permit`.
 *
 * @example
 * await token.write.permit(await signPermit(client, holder, { token, spender, value, deadline }))
 */
export async function signPermit(
  client: PublicClient,
  signer: LocalAccount,
  parameters: SignPermitParameters,
): Promise<readonly [Address, Address, bigint, bigint, number, Hex, Hex]> {
  const { token, owner = signer.address, spender, value, deadline } = parameters
  const nonce =
    parameters.nonce ??
    (await client.readContract({ address: token, abi: openTokenAbi, functionName: 'nonces', args: [owner] }))
  const signature = await signer.signTypedData({
    domain: await eip712DomainOf(client, token),
    types: {
      Permit: [
        { name: 'owner', type: 'address' },
        { name: 'spender', type: 'address' },
        { name: 'value', type: 'uint256' },
        { name: 'nonce', type: 'uint256' },
        { name: 'deadline', type: 'uint256' },
      ],
    },
    primaryType: 'Permit',
    message: { owner, spender, value, nonce, deadline },
  })
  const { v, r, s } = parseSignature(signature)
  return [owner, spender, value, deadline, Number(v), r, s]
}
