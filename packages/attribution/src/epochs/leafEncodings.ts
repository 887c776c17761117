/**
 * Leaf encodings of the epoch trees (OpenZeppelin StandardMerkleTree, "standard-v1"). A leaf is
 * `keccak256(bytes.concat(keccak256(abi.encode(...values))))`, inner nodes hash the sorted pair, so Solidity
 * verifies with `MerkleProof.verify(proof, root, leaf)`:
 *
 * - receipts tree: `leaf = keccak256(bytes.concat(keccak256(abi.encode(bytes32 receiptId))))`;
 * - payouts tree (FeeRouter claims): `leaf = keccak256(bytes.concat(keccak256(abi.encode(address account,
 *   uint256 cumulative))))`, where `cumulative` is everything the account has earned up to and including the
 *   epoch; a claim pays `cumulative − alreadyClaimed[account]`.
 */
export const receiptLeafEncoding = ['bytes32'] as const

/** See `receiptLeafEncoding`. */
export const payoutLeafEncoding = ['address', 'uint256'] as const
