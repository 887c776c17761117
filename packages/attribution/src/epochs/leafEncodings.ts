/**
 * Leaf encodings of the epoch trees (OpenZeppelin StandardMerkleTree, "standard-v1"). A leaf is
 * `keccak256(bytes.concat(keccak256(abi.encode(...values))))`, inner nodes hash the sorted pair, so Solidity
 * verifies with `MerkleProof.verify(proof, root, leaf)`:
 *
 * - receipts tree: `leaf = keccak256(bytes.concat(keccak256(abi.encode(bytes32 receiptId))))`;
 * - payouts tree (FeeRouter claims): `leaf = keccak256(bytes.concat(keccak256(abi.encode(address account,
 *   uint256 amount))))`, where `amount` is what the account earns in that epoch alone; a claim names the epoch,
 *   `claim(epoch, account, amount, proof)`, pays `amount` once, and is bounded by that epoch's funding.
 */
export const receiptLeafEncoding = ['bytes32'] as const

/** See `receiptLeafEncoding`. */
export const payoutLeafEncoding = ['address', 'uint256'] as const
