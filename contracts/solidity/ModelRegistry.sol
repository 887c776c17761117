// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {AccessControl} from "@openzeppelin/contracts/access/AccessControl.sol";
import {MerkleProof} from "@openzeppelin/contracts/utils/cryptography/MerkleProof.sol";
import {DatanetRegistry} from "./DatanetRegistry.sol";

/// @title ModelRegistry
/// @notice The lineage of LoRA adapters: each adapter, by the sha256 content address of its files, names its
/// creator, its base model, the datanets it was trained on and the Merkle root of the training row ids
/// (OpenZeppelin StandardMerkleTree of `(bytes32 rowId)` leaves), so anyone can prove a row was used. Settlement
/// pays adapter creators through {creatorOf}. A holder of `ADAPTER_REVOKER_ROLE` (the treasury Safe) may revoke
/// an adapter, e.g. over a license problem; a revoked adapter stays readable but is no longer servable.
///
/// Powers are AccessControl roles held by the treasury Safe: `DEFAULT_ADMIN_ROLE` (grants and revokes every
/// role) and `ADAPTER_REVOKER_ROLE` ({revokeAdapter}).
contract ModelRegistry is AccessControl {
    /// @notice The most datanets one adapter may name.
    uint256 public constant MAX_DATANETS = 16;
    /// @notice May revoke adapters.
    bytes32 public constant ADAPTER_REVOKER_ROLE = keccak256("ADAPTER_REVOKER_ROLE");

    struct Adapter {
        address creator;
        bytes32 baseModelSha256;
        bytes32 trainingRowsRoot;
        uint32 rowCount;
        uint64 registeredAt;
        bool revoked;
        string uri;
        uint256[] datanetIds;
    }

    /// @notice Where the datanets named by adapters must exist.
    DatanetRegistry public immutable datanetRegistry;

    uint256 private _adapterCount;
    mapping(bytes32 adapterSha256 => Adapter) private _adapters;

    event AdapterRegistered(
        bytes32 indexed adapterSha256,
        address indexed creator,
        bytes32 baseModelSha256,
        bytes32 trainingRowsRoot,
        uint32 rowCount
    );
    event AdapterRevoked(bytes32 indexed adapterSha256, string reason);

    error ModelRegistryInvalidDatanetRegistry(address datanetRegistry);
    error ModelRegistryInvalidAdmin(address admin);
    error ModelRegistryZeroAdapterHash();
    error ModelRegistryZeroBaseModelHash(bytes32 adapterSha256);
    error ModelRegistryZeroTrainingRowsRoot(bytes32 adapterSha256);
    error ModelRegistryZeroRowCount(bytes32 adapterSha256);
    error ModelRegistryInvalidDatanetCount(uint256 count, uint256 max);
    error ModelRegistryUnknownDatanet(uint256 datanetId);
    error ModelRegistryDuplicateDatanet(uint256 datanetId);
    error ModelRegistryAdapterAlreadyRegistered(bytes32 adapterSha256, address creator);
    error ModelRegistryUnknownAdapter(bytes32 adapterSha256);
    error ModelRegistryAdapterAlreadyRevoked(bytes32 adapterSha256);
    error ModelRegistryEmptyReason();

    /// @param admin_ The treasury Safe: it gets `DEFAULT_ADMIN_ROLE` and `ADAPTER_REVOKER_ROLE` (not the zero
    /// address).
    /// @param datanetRegistry_ The DatanetRegistry whose datanets adapters name.
    constructor(address admin_, DatanetRegistry datanetRegistry_) {
        if (admin_ == address(0)) revert ModelRegistryInvalidAdmin(admin_);
        if (address(datanetRegistry_) == address(0)) {
            revert ModelRegistryInvalidDatanetRegistry(address(datanetRegistry_));
        }
        datanetRegistry = datanetRegistry_;
        _grantRole(DEFAULT_ADMIN_ROLE, admin_);
        _grantRole(ADAPTER_REVOKER_ROLE, admin_);
    }

    /// @notice Registers the lineage of an adapter created by the caller.
    /// Emits an {AdapterRegistered} event.
    /// Requirements: non-zero `adapterSha256`, `baseModelSha256` and `trainingRowsRoot`; `rowCount` is not zero;
    /// 1 to {MAX_DATANETS} distinct datanet ids, each an existing datanet; the adapter is not registered yet.
    function registerAdapter(
        bytes32 adapterSha256,
        bytes32 baseModelSha256,
        bytes32 trainingRowsRoot,
        uint32 rowCount,
        uint256[] calldata datanetIds,
        string calldata uri
    ) external {
        if (adapterSha256 == bytes32(0)) revert ModelRegistryZeroAdapterHash();
        if (baseModelSha256 == bytes32(0)) revert ModelRegistryZeroBaseModelHash(adapterSha256);
        if (trainingRowsRoot == bytes32(0)) revert ModelRegistryZeroTrainingRowsRoot(adapterSha256);
        if (rowCount == 0) revert ModelRegistryZeroRowCount(adapterSha256);
        _validateDatanets(datanetIds);
        Adapter storage stored = _adapters[adapterSha256];
        if (stored.creator != address(0)) revert ModelRegistryAdapterAlreadyRegistered(adapterSha256, stored.creator);
        stored.creator = msg.sender;
        stored.baseModelSha256 = baseModelSha256;
        stored.trainingRowsRoot = trainingRowsRoot;
        stored.rowCount = rowCount;
        stored.registeredAt = uint64(block.timestamp);
        stored.uri = uri;
        stored.datanetIds = datanetIds;
        ++_adapterCount;
        emit AdapterRegistered(adapterSha256, msg.sender, baseModelSha256, trainingRowsRoot, rowCount);
    }

    /// @notice Revokes an adapter (e.g. a license problem): it stays readable but is no longer servable.
    /// Emits an {AdapterRevoked} event.
    /// Requirements: the caller holds `ADAPTER_REVOKER_ROLE`; the adapter is registered and not revoked; a reason.
    function revokeAdapter(bytes32 adapterSha256, string calldata reason) external {
        _checkRole(ADAPTER_REVOKER_ROLE);
        Adapter storage stored = _adapter(adapterSha256);
        if (stored.revoked) revert ModelRegistryAdapterAlreadyRevoked(adapterSha256);
        if (bytes(reason).length == 0) revert ModelRegistryEmptyReason();
        stored.revoked = true;
        emit AdapterRevoked(adapterSha256, reason);
    }

    /// @notice An adapter's lineage: creator, base model, training rows root and count, registration time,
    /// revoked flag, URI and datanet ids. Reverts with {ModelRegistryUnknownAdapter} for an unknown adapter.
    function adapter(bytes32 adapterSha256) external view returns (Adapter memory) {
        return _adapter(adapterSha256);
    }

    /// @notice An adapter's creator; the zero address for an unknown adapter (settlement then pays the treasury).
    function creatorOf(bytes32 adapterSha256) external view returns (address) {
        return _adapters[adapterSha256].creator;
    }

    /// @notice Whether an adapter is registered and not revoked.
    function isServable(bytes32 adapterSha256) external view returns (bool) {
        Adapter storage stored = _adapters[adapterSha256];
        return stored.creator != address(0) && !stored.revoked;
    }

    /// @notice How many adapters are registered, revoked ones included.
    function adapterCount() external view returns (uint256) {
        return _adapterCount;
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
