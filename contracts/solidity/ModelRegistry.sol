// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {AccessControl} from "@openzeppelin/contracts/access/AccessControl.sol";
import {EIP712} from "@openzeppelin/contracts/utils/cryptography/EIP712.sol";
import {MerkleProof} from "@openzeppelin/contracts/utils/cryptography/MerkleProof.sol";
import {SignatureChecker} from "@openzeppelin/contracts/utils/cryptography/SignatureChecker.sol";
import {DatanetRegistry} from "./DatanetRegistry.sol";

/// @title ModelRegistry
/// @notice The lineage of LoRA adapters: each adapter, by the sha256 content address of its files, names its
/// creator, its base model, the datanets it was trained on and the Merkle root of the training row ids
/// (OpenZeppelin StandardMerkleTree of `(bytes32 rowId)` leaves), so anyone can prove a row was used. Settlement
/// pays adapter creators through {creatorOf}.
///
/// Authorship is proven, not first-come. A creator signs an EIP-712 `AdapterClaim` (the lineage and itself as
/// creator); the creator recorded is the claim's signer (an EOA, or a contract such as a Safe by ERC-1271), so
/// anyone may submit the claim and copying it changes nothing. A registration also reveals a commitment made in
/// an earlier block ({commitAdapter}: `keccak256(abi.encode(creator, adapterSha256, trainingRowsRoot, salt))`),
/// which hides the adapter hash until the creator registers. The earliest commitment wins: a claim revealing a
/// commitment from an earlier block than the registered one's takes the adapter over, so a squatter who learns
/// the hash from a published file or a pending registration (and so commits later than its creator, who commits
/// before publishing) cannot keep it. Commitments expire after {COMMITMENT_TTL}, which bounds that contest.
///
/// Powers are AccessControl roles held by the treasury Safe: `DEFAULT_ADMIN_ROLE` (grants and revokes every
/// role), `ADAPTER_REVOKER_ROLE` ({revokeAdapter}: a revoked adapter stays readable, is no longer servable and
/// its creator is paid nothing from then on) and `ADAPTER_DISPUTE_ROLE` ({reassignCreator}: settles a dispute
/// over authorship; its decision is final). Anyone may commit and register.
contract ModelRegistry is AccessControl, EIP712 {
    /// @notice The most datanets one adapter may name.
    uint256 public constant MAX_DATANETS = 16;
    /// @notice How long a commitment may be revealed (seconds from the block that recorded it).
    uint256 public constant COMMITMENT_TTL = 1 days;
    /// @notice May revoke adapters.
    bytes32 public constant ADAPTER_REVOKER_ROLE = keccak256("ADAPTER_REVOKER_ROLE");
    /// @notice May reassign an adapter's creator, settling a dispute over authorship.
    bytes32 public constant ADAPTER_DISPUTE_ROLE = keccak256("ADAPTER_DISPUTE_ROLE");
    /// @notice The EIP-712 type a creator signs.
    bytes32 public constant ADAPTER_CLAIM_TYPEHASH = keccak256(
        "AdapterClaim(bytes32 adapterSha256,bytes32 baseModelSha256,bytes32 trainingRowsRoot,uint32 rowCount,uint256[] datanetIds,string uri,address creator,uint256 deadline)"
    );

    /// @notice What a creator signs: an adapter's lineage and itself as its creator, valid until `deadline`.
    struct AdapterClaim {
        bytes32 adapterSha256;
        bytes32 baseModelSha256;
        bytes32 trainingRowsRoot;
        uint32 rowCount;
        uint256[] datanetIds;
        string uri;
        address creator;
        uint256 deadline;
    }

    struct Adapter {
        address creator;
        uint64 registeredAt;
        /// Block time of the revocation; zero while the adapter is not revoked.
        uint64 revokedAt;
        /// Whether the creator was set by an `ADAPTER_DISPUTE_ROLE` holder (then no claim takes it over).
        bool reassigned;
        bytes32 baseModelSha256;
        bytes32 trainingRowsRoot;
        uint32 rowCount;
        /// The block of the commitment the registered claim revealed (an earlier one takes the adapter over).
        uint64 commitBlock;
        string uri;
        uint256[] datanetIds;
    }

    /// @notice When a commitment was recorded.
    struct Commitment {
        uint64 blockNumber;
        uint64 timestamp;
    }

    /// @notice Where the datanets named by adapters must exist.
    DatanetRegistry public immutable datanetRegistry;

    uint256 private _adapterCount;
    mapping(bytes32 adapterSha256 => Adapter) private _adapters;
    mapping(bytes32 commitment => Commitment) private _commitments;

    event AdapterCommitted(bytes32 indexed commitment, address indexed sender);
    event AdapterRegistered(
        bytes32 indexed adapterSha256,
        address indexed creator,
        bytes32 baseModelSha256,
        bytes32 trainingRowsRoot,
        uint32 rowCount
    );
    event AdapterSuperseded(
        bytes32 indexed adapterSha256, address indexed previousCreator, uint256 previousCommitBlock, uint256 commitBlock
    );
    event AdapterRevoked(bytes32 indexed adapterSha256, string reason);
    event AdapterCreatorReassigned(
        bytes32 indexed adapterSha256, address indexed previousCreator, address indexed creator, string reason
    );

    error ModelRegistryInvalidDatanetRegistry(address datanetRegistry);
    error ModelRegistryInvalidAdmin(address admin);
    error ModelRegistryZeroAdapterHash();
    error ModelRegistryZeroBaseModelHash(bytes32 adapterSha256);
    error ModelRegistryZeroTrainingRowsRoot(bytes32 adapterSha256);
    error ModelRegistryZeroRowCount(bytes32 adapterSha256);
    error ModelRegistryInvalidDatanetCount(uint256 count, uint256 max);
    error ModelRegistryUnknownDatanet(uint256 datanetId);
    error ModelRegistryDuplicateDatanet(uint256 datanetId);
    error ModelRegistryInvalidCreator(bytes32 adapterSha256, address creator);
    error ModelRegistryClaimExpired(bytes32 adapterSha256, uint256 deadline, uint256 now);
    error ModelRegistryInvalidSignature(bytes32 adapterSha256, address creator);
    error ModelRegistryZeroCommitment();
    error ModelRegistryAlreadyCommitted(bytes32 commitment, uint256 blockNumber);
    error ModelRegistryUnknownCommitment(bytes32 commitment);
    error ModelRegistryCommitmentTooRecent(bytes32 commitment, uint256 commitBlock, uint256 blockNumber);
    error ModelRegistryCommitmentExpired(bytes32 commitment, uint256 expiredAt, uint256 now);
    error ModelRegistryAdapterAlreadyRegistered(
        bytes32 adapterSha256, address creator, uint256 registeredCommitBlock, uint256 commitBlock
    );
    error ModelRegistryCreatorReassigned(bytes32 adapterSha256, address creator);
    error ModelRegistryUnknownAdapter(bytes32 adapterSha256);
    error ModelRegistryAdapterAlreadyRevoked(bytes32 adapterSha256, uint256 revokedAt);
    error ModelRegistryCreatorUnchanged(bytes32 adapterSha256, address creator);
    error ModelRegistryEmptyReason();

    /// @param admin_ The treasury Safe: it gets `DEFAULT_ADMIN_ROLE`, `ADAPTER_REVOKER_ROLE` and
    /// `ADAPTER_DISPUTE_ROLE` (not the zero address).
    /// @param datanetRegistry_ The DatanetRegistry whose datanets adapters name.
    constructor(address admin_, DatanetRegistry datanetRegistry_) EIP712("OpenLedger ModelRegistry", "1") {
        if (admin_ == address(0)) revert ModelRegistryInvalidAdmin(admin_);
        if (address(datanetRegistry_) == address(0)) {
            revert ModelRegistryInvalidDatanetRegistry(address(datanetRegistry_));
        }
        datanetRegistry = datanetRegistry_;
        _grantRole(DEFAULT_ADMIN_ROLE, admin_);
        _grantRole(ADAPTER_REVOKER_ROLE, admin_);
        _grantRole(ADAPTER_DISPUTE_ROLE, admin_);
    }

    /// @notice Records a commitment to register an adapter: `keccak256(abi.encode(creator, adapterSha256,
    /// trainingRowsRoot, salt))` ({commitmentOf}). Anyone may send it for a creator; it hides the adapter hash.
    /// Emits an {AdapterCommitted} event.
    /// Requirements: a non-zero commitment not recorded before (a commitment's block is never moved later).
    function commitAdapter(bytes32 commitment) external {
        if (commitment == bytes32(0)) revert ModelRegistryZeroCommitment();
        Commitment storage stored = _commitments[commitment];
        if (stored.blockNumber != 0) revert ModelRegistryAlreadyCommitted(commitment, stored.blockNumber); // protection: commit-once
        stored.blockNumber = uint64(block.number);
        stored.timestamp = uint64(block.timestamp);
        emit AdapterCommitted(commitment, msg.sender);
    }

    /// @notice Registers an adapter's lineage from its creator's signed claim, revealing the creator's
    /// commitment; anyone may send it. The creator recorded is `claim.creator`, whose signature (EIP-712, or
    /// ERC-1271 for a contract) the claim carries. An adapter registered already is taken over when the claim
    /// reveals a commitment from an earlier block than the registered claim's (the earliest commitment wins).
    /// Emits an {AdapterRegistered} event (and {AdapterSuperseded} first when it takes an adapter over).
    /// Requirements: non-zero hashes and row count; 1 to {MAX_DATANETS} distinct existing datanets; a non-zero
    /// creator; `deadline` not passed; a valid signature of `claim.creator`; the commitment recorded in an
    /// earlier block and at most {COMMITMENT_TTL} ago; the adapter not registered, or registered from a later
    /// commitment and neither revoked nor reassigned by the Safe.
    function registerAdapter(AdapterClaim calldata claim, bytes32 salt, bytes calldata signature) external {
        bytes32 adapterSha256 = claim.adapterSha256;
        _validateClaim(claim);
        if (block.timestamp > claim.deadline) revert ModelRegistryClaimExpired(adapterSha256, claim.deadline, block.timestamp); // protection: claim-deadline
        if (!SignatureChecker.isValidSignatureNow(claim.creator, hashClaim(claim), signature)) revert ModelRegistryInvalidSignature(adapterSha256, claim.creator); // protection: claim-signature
        uint64 commitBlock = _reveal(commitmentOf(claim.creator, adapterSha256, claim.trainingRowsRoot, salt));
        Adapter storage stored = _adapters[adapterSha256];
        if (stored.creator == address(0)) {
            ++_adapterCount;
        } else {
            _checkTakeover(stored, adapterSha256, commitBlock);
            emit AdapterSuperseded(adapterSha256, stored.creator, stored.commitBlock, commitBlock);
        }
        stored.creator = claim.creator;
        stored.baseModelSha256 = claim.baseModelSha256;
        stored.trainingRowsRoot = claim.trainingRowsRoot;
        stored.rowCount = claim.rowCount;
        stored.registeredAt = uint64(block.timestamp);
        stored.commitBlock = commitBlock;
        stored.uri = claim.uri;
        stored.datanetIds = claim.datanetIds;
        emit AdapterRegistered(adapterSha256, claim.creator, claim.baseModelSha256, claim.trainingRowsRoot, claim.rowCount);
    }

    /// @notice Revokes an adapter (e.g. a license problem): it stays readable but is no longer servable, and
    /// {creatorOf} is the zero address from then on (settlement pays its creators' share to the treasury).
    /// Emits an {AdapterRevoked} event.
    /// Requirements: the caller holds `ADAPTER_REVOKER_ROLE`; the adapter is registered and not revoked; a reason.
    function revokeAdapter(bytes32 adapterSha256, string calldata reason) external {
        _checkRole(ADAPTER_REVOKER_ROLE); // protection: revoker-role
        Adapter storage stored = _adapter(adapterSha256);
        if (stored.revokedAt != 0) revert ModelRegistryAdapterAlreadyRevoked(adapterSha256, stored.revokedAt);
        if (bytes(reason).length == 0) revert ModelRegistryEmptyReason();
        stored.revokedAt = uint64(block.timestamp);
        emit AdapterRevoked(adapterSha256, reason);
    }

    /// @notice Settles a dispute over an adapter's authorship: `creator` becomes its creator, and no claim
    /// takes it over from then on (a revoked adapter stays revoked and unpaid).
    /// Emits an {AdapterCreatorReassigned} event.
    /// Requirements: the caller holds `ADAPTER_DISPUTE_ROLE`; the adapter is registered; `creator` is not the
    /// zero address nor the current creator; a reason.
    function reassignCreator(bytes32 adapterSha256, address creator, string calldata reason) external {
        _checkRole(ADAPTER_DISPUTE_ROLE); // protection: dispute-role
        Adapter storage stored = _adapter(adapterSha256);
        if (creator == address(0)) revert ModelRegistryInvalidCreator(adapterSha256, creator);
        address previous = stored.creator;
        if (creator == previous) revert ModelRegistryCreatorUnchanged(adapterSha256, creator);
        if (bytes(reason).length == 0) revert ModelRegistryEmptyReason();
        stored.creator = creator;
        stored.reassigned = true;
        emit AdapterCreatorReassigned(adapterSha256, previous, creator, reason);
    }

    /// @notice An adapter's lineage: creator, registration and revocation times, whether the Safe reassigned
    /// its creator, base model, training rows root and count, the revealed commitment's block, URI and datanet
    /// ids. Reverts with {ModelRegistryUnknownAdapter} for an unknown adapter.
    function adapter(bytes32 adapterSha256) external view returns (Adapter memory) {
        return _adapter(adapterSha256);
    }

    /// @notice The account settlement pays an adapter's creators' share: its creator; the zero address for an
    /// unknown or revoked adapter (settlement then pays the treasury). {adapter} names a revoked one's creator.
    function creatorOf(bytes32 adapterSha256) external view returns (address) {
        Adapter storage stored = _adapters[adapterSha256];
        if (stored.revokedAt != 0) return address(0); // protection: revoked-unpaid
        return stored.creator;
    }

    /// @notice Whether an adapter is registered and not revoked.
    function isServable(bytes32 adapterSha256) external view returns (bool) {
        Adapter storage stored = _adapters[adapterSha256];
        if (stored.revokedAt != 0) return false; // protection: revoked-unservable
        return stored.creator != address(0);
    }

    /// @notice How many adapters are registered, revoked ones included.
    function adapterCount() external view returns (uint256) {
        return _adapterCount;
    }

    /// @notice When a commitment was recorded; zeros for an unknown one.
    function committedAt(bytes32 commitment) external view returns (Commitment memory) {
        return _commitments[commitment];
    }

    /// @notice The commitment a creator makes before registering an adapter.
    function commitmentOf(address creator, bytes32 adapterSha256, bytes32 trainingRowsRoot, bytes32 salt)
        public
        pure
        returns (bytes32)
    {
        return keccak256(abi.encode(creator, adapterSha256, trainingRowsRoot, salt));
    }

    /// @notice The EIP-712 digest of a claim under this registry's domain: what its creator signs.
    function hashClaim(AdapterClaim calldata claim) public view returns (bytes32) {
        bytes32 structHash = keccak256(
            abi.encode(
                ADAPTER_CLAIM_TYPEHASH,
                claim.adapterSha256,
                claim.baseModelSha256,
                claim.trainingRowsRoot,
                claim.rowCount,
                keccak256(abi.encodePacked(claim.datanetIds)),
                keccak256(bytes(claim.uri)),
                claim.creator,
                claim.deadline
            )
        );
        return _hashTypedDataV4(structHash);
    }

    /// @notice Whether `rowId` is among an adapter's training rows, by its Merkle proof (StandardMerkleTree leaf
    /// `keccak256(bytes.concat(keccak256(abi.encode(rowId))))`). Reverts with {ModelRegistryUnknownAdapter} for
    /// an unknown adapter.
    function verifyTrainingRow(bytes32 adapterSha256, bytes32 rowId, bytes32[] calldata proof)
        external
        view
        returns (bool)
    {
        bytes32 root = _adapter(adapterSha256).trainingRowsRoot;
        bytes32 leaf = keccak256(bytes.concat(keccak256(abi.encode(rowId))));
        return MerkleProof.verifyCalldata(proof, root, leaf);
    }

    /// @dev The block a commitment was recorded in, once it may be revealed.
    function _reveal(bytes32 commitment) private view returns (uint64) {
        Commitment memory stored = _commitments[commitment];
        if (stored.blockNumber == 0) revert ModelRegistryUnknownCommitment(commitment); // protection: commitment-required
        if (stored.blockNumber >= block.number) revert ModelRegistryCommitmentTooRecent(commitment, stored.blockNumber, block.number); // protection: commitment-age
        uint256 expiredAt = uint256(stored.timestamp) + COMMITMENT_TTL;
        if (block.timestamp > expiredAt) revert ModelRegistryCommitmentExpired(commitment, expiredAt, block.timestamp); // protection: commitment-ttl
        return stored.blockNumber;
    }

    /// @dev Whether a claim from a commitment of block `commitBlock` may take a registered adapter over.
    function _checkTakeover(Adapter storage stored, bytes32 adapterSha256, uint64 commitBlock) private view {
        if (stored.revokedAt != 0) revert ModelRegistryAdapterAlreadyRevoked(adapterSha256, stored.revokedAt);
        if (stored.reassigned) revert ModelRegistryCreatorReassigned(adapterSha256, stored.creator); // protection: dispute-final
        if (commitBlock >= stored.commitBlock) revert ModelRegistryAdapterAlreadyRegistered(adapterSha256, stored.creator, stored.commitBlock, commitBlock); // protection: earliest-commitment
    }

    function _validateClaim(AdapterClaim calldata claim) private view {
        bytes32 adapterSha256 = claim.adapterSha256;
        if (adapterSha256 == bytes32(0)) revert ModelRegistryZeroAdapterHash();
        if (claim.baseModelSha256 == bytes32(0)) revert ModelRegistryZeroBaseModelHash(adapterSha256);
        if (claim.trainingRowsRoot == bytes32(0)) revert ModelRegistryZeroTrainingRowsRoot(adapterSha256);
        if (claim.rowCount == 0) revert ModelRegistryZeroRowCount(adapterSha256);
        if (claim.creator == address(0)) revert ModelRegistryInvalidCreator(adapterSha256, claim.creator);
        _validateDatanets(claim.datanetIds);
    }

    function _validateDatanets(uint256[] calldata datanetIds) private view {
        uint256 count = datanetIds.length;
        if (count == 0 || count > MAX_DATANETS) revert ModelRegistryInvalidDatanetCount(count, MAX_DATANETS);
        // DatanetRegistry ids run from 1 to datanetCount() and datanets are never removed.
        uint256 existing = datanetRegistry.datanetCount();
        for (uint256 i = 0; i < count; ++i) {
            uint256 id = datanetIds[i];
            if (id == 0 || id > existing) revert ModelRegistryUnknownDatanet(id);
            // At most MAX_DATANETS ids, so the quadratic scan stays cheap.
            for (uint256 j = 0; j < i; ++j) {
                if (datanetIds[j] == id) revert ModelRegistryDuplicateDatanet(id);
            }
        }
    }

    function _adapter(bytes32 adapterSha256) private view returns (Adapter storage) {
        Adapter storage stored = _adapters[adapterSha256];
        if (stored.creator == address(0)) revert ModelRegistryUnknownAdapter(adapterSha256);
        return stored;
    }
}
