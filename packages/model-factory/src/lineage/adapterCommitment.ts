import { type Address, encodeAbiParameters, type Hex, keccak256 } from 'viem'

/**
 * The commitment a creator records (`commitAdapter`) before registering an adapter: ModelRegistry's
 * `commitmentOf`, `keccak256(abi.encode(creator, adapterSha256, trainingRowsRoot, salt))`. It hides the adapter
 * hash until the registration reveals it; keep the salt until then.
 *
 * @example
 * const commitment = adapterCommitment({ creator, adapterSha256, trainingRowsRoot: root, salt })
 */
export function adapterCommitment(parameters: {
  creator: Address
  adapterSha256: Hex
  trainingRowsRoot: Hex
  salt: Hex
}): Hex {
  const { creator, adapterSha256, trainingRowsRoot, salt } = parameters
  return keccak256(
    encodeAbiParameters(
      [{ type: 'address' }, { type: 'bytes32' }, { type: 'bytes32' }, { type: 'bytes32' }],
      [creator, adapterSha256, trainingRowsRoot, salt],
    ),
  )
}
