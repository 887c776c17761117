// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {MerkleProof} from "@openzeppelin/contracts/utils/cryptography/MerkleProof.sol";
import {ReentrancyGuard} from "@openzeppelin/contracts/utils/ReentrancyGuard.sol";

/// @title DatanetRegistry
/// @notice Datanets are community datasets. Their curators commit each accepted batch of rows as the Merkle
/// root of `(rowId, contributor, contentHash)` leaves (OpenZeppelin StandardMerkleTree encoding), so anyone can
/// prove a row was accepted. Contributors may stake OPEN on a datanet; the curator can slash that stake, with a
/// reason, to the treasury. Unstaking waits out an unbonding period, during which the stake stays slashable.
contract DatanetRegistry is ReentrancyGuard {
    using SafeERC20 for IERC20;

    struct Datanet {
        address curator;
        uint64 createdAt;
        uint32 batchCount;
        string license;
        string metadataURI;
    }

    struct Batch {
        bytes32 root;
        uint32 rowCount;
        uint64 committedAt;
        string uri;
    }

    struct Stake {
        uint256 active;
        uint256 unbonding;
        uint64 unbondingEnds;
    }

    /// @notice The token contributors stake (OPEN).
    IERC20 public immutable token;
    /// @notice Where slashed stake goes (the treasury Safe).
    address public immutable treasury;
    /// @notice Seconds between requesting an unstake and withdrawing it.
    uint64 public immutable unbondingPeriod;

    uint256 private _datanetCount;
    mapping(uint256 datanetId => Datanet) private _datanets;
    mapping(uint256 datanetId => mapping(uint256 batchIndex => Batch)) private _batches;
    mapping(bytes32 root => bool) private _rootUsed;
    mapping(uint256 datanetId => mapping(address contributor => Stake)) private _stakes;

    event DatanetCreated(uint256 indexed datanetId, address indexed curator, string license, string metadataURI);
    event CuratorChanged(uint256 indexed datanetId, address indexed previousCurator, address indexed newCurator);
    event BatchCommitted(
        uint256 indexed datanetId, uint256 indexed batchIndex, bytes32 root, uint32 rowCount, string uri
    );
    event ContributorStaked(uint256 indexed datanetId, address indexed contributor, uint256 amount);
    event UnstakeRequested(uint256 indexed datanetId, address indexed contributor, uint256 amount, uint64 unbondingEnds);
    event StakeWithdrawn(uint256 indexed datanetId, address indexed contributor, uint256 amount);
    event ContributorSlashed(
        uint256 indexed datanetId, address indexed contributor, uint256 amount, address indexed treasury, string reason
    );

    error DatanetRegistryUnknownDatanet(uint256 datanetId);
    error DatanetRegistryUnauthorizedCurator(uint256 datanetId, address caller);
    error DatanetRegistryInvalidCurator(address curator);
    error DatanetRegistryEmptyLicense();
    error DatanetRegistryInvalidBatch(bytes32 root, uint32 rowCount);
    error DatanetRegistryRootAlreadyCommitted(bytes32 root);
    error DatanetRegistryUnknownBatch(uint256 datanetId, uint256 batchIndex);
    error DatanetRegistryZeroAmount();
    error DatanetRegistryInsufficientStake(uint256 datanetId, address contributor, uint256 staked, uint256 needed);
    error DatanetRegistryUnbonding(uint256 datanetId, address contributor, uint64 unbondingEnds);
    error DatanetRegistryEmptyReason();
    error DatanetRegistryInvalidConfig();

    modifier onlyCurator(uint256 datanetId) {
        address curator = _datanet(datanetId).curator;
        if (msg.sender != curator) revert DatanetRegistryUnauthorizedCurator(datanetId, msg.sender);
        _;
    }

    constructor(IERC20 token_, address treasury_, uint64 unbondingPeriod_) {
        if (address(token_) == address(0) || treasury_ == address(0)) revert DatanetRegistryInvalidConfig();
        token = token_;
        treasury = treasury_;
        unbondingPeriod = unbondingPeriod_;
    }

    /// @notice Creates a datanet curated by `curator`.
    /// @return datanetId The new datanet's id (ids start at 1).
    /// Emits a {DatanetCreated} event.
    /// Requirements: `curator` is not the zero address; `license` is not empty.
    function createDatanet(address curator, string calldata license, string calldata metadataURI)
        external
        returns (uint256 datanetId)
    {
        if (curator == address(0)) revert DatanetRegistryInvalidCurator(curator);
        if (bytes(license).length == 0) revert DatanetRegistryEmptyLicense();
        datanetId = ++_datanetCount;
        _datanets[datanetId] = Datanet(curator, uint64(block.timestamp), 0, license, metadataURI);
        emit DatanetCreated(datanetId, curator, license, metadataURI);
    }

    /// @notice Hands curation of a datanet to `newCurator`.
    /// Emits a {CuratorChanged} event.
    /// Requirements: the caller is the curator; `newCurator` is not the zero address.
    function setCurator(uint256 datanetId, address newCurator) external onlyCurator(datanetId) {
        if (newCurator == address(0)) revert DatanetRegistryInvalidCurator(newCurator);
        address previous = _datanets[datanetId].curator;
        _datanets[datanetId].curator = newCurator;
        emit CuratorChanged(datanetId, previous, newCurator);
    }

    /// @notice Commits an accepted batch of rows as its Merkle root.
    /// @return batchIndex The batch's index within the datanet (from 0).
    /// Emits a {BatchCommitted} event.
    /// Requirements: the caller is the curator; a non-zero root never committed before; at least one row.
    function commitBatch(uint256 datanetId, bytes32 root, uint32 rowCount, string calldata uri)
        external
        onlyCurator(datanetId)
        returns (uint256 batchIndex)
    {
        if (root == bytes32(0) || rowCount == 0) revert DatanetRegistryInvalidBatch(root, rowCount);
        if (_rootUsed[root]) revert DatanetRegistryRootAlreadyCommitted(root);
        _rootUsed[root] = true;
        batchIndex = _datanets[datanetId].batchCount++;
        _batches[datanetId][batchIndex] = Batch(root, rowCount, uint64(block.timestamp), uri);
        emit BatchCommitted(datanetId, batchIndex, root, rowCount, uri);
    }

    /// @notice Whether a row `(rowId, contributor, contentHash)` is in a committed batch, by its Merkle proof.
    function verifyRow(
        uint256 datanetId,
        uint256 batchIndex,
        bytes32 rowId,
        address contributor,
        bytes32 contentHash,
        bytes32[] calldata proof
    ) external view returns (bool) {
        bytes32 root = batch(datanetId, batchIndex).root;
        bytes32 leaf = keccak256(bytes.concat(keccak256(abi.encode(rowId, contributor, contentHash))));
        return MerkleProof.verifyCalldata(proof, root, leaf);
    }

    /// @notice Stakes `amount` OPEN on a datanet as a contributor (approve this contract first).
    /// Emits a {ContributorStaked} event.
    /// Requirements: the datanet exists; `amount` is not zero.
    function stake(uint256 datanetId, uint256 amount) external nonReentrant {
        _datanet(datanetId);
        if (amount == 0) revert DatanetRegistryZeroAmount();
        _stakes[datanetId][msg.sender].active += amount;
        emit ContributorStaked(datanetId, msg.sender, amount);
        token.safeTransferFrom(msg.sender, address(this), amount);
    }

    /// @notice Starts unbonding `amount` of the caller's stake; it stays slashable until withdrawn.
    /// Emits an {UnstakeRequested} event. A new request restarts the unbonding period of all unbonding stake.
    /// Requirements: `amount` is not zero and at most the caller's active stake.
    function requestUnstake(uint256 datanetId, uint256 amount) external {
        if (amount == 0) revert DatanetRegistryZeroAmount();
        Stake storage position = _stakes[datanetId][msg.sender];
        if (amount > position.active) {
            revert DatanetRegistryInsufficientStake(datanetId, msg.sender, position.active, amount);
        }
        position.active -= amount;
        position.unbonding += amount;
        position.unbondingEnds = uint64(block.timestamp) + unbondingPeriod;
        emit UnstakeRequested(datanetId, msg.sender, amount, position.unbondingEnds);
    }

    /// @notice Withdraws the caller's unbonded stake.
    /// Emits a {StakeWithdrawn} event.
    /// Requirements: something is unbonding and its unbonding period has ended.
    function withdrawStake(uint256 datanetId) external nonReentrant {
        Stake storage position = _stakes[datanetId][msg.sender];
        uint256 amount = position.unbonding;
        if (amount == 0) revert DatanetRegistryZeroAmount();
        if (block.timestamp < position.unbondingEnds) {
            revert DatanetRegistryUnbonding(datanetId, msg.sender, position.unbondingEnds);
        }
        position.unbonding = 0;
        emit StakeWithdrawn(datanetId, msg.sender, amount);
        token.safeTransfer(msg.sender, amount);
    }

    /// @notice Slashes `amount` of a contributor's stake (active first, then unbonding) to the treasury.
    /// Emits a {ContributorSlashed} event.
    /// Requirements: the caller is the curator; a reason; `amount` is not zero and at most the whole stake.
    function slashContributor(uint256 datanetId, address contributor, uint256 amount, string calldata reason)
        external
        onlyCurator(datanetId)
        nonReentrant
    {
        if (bytes(reason).length == 0) revert DatanetRegistryEmptyReason();
        if (amount == 0) revert DatanetRegistryZeroAmount();
        Stake storage position = _stakes[datanetId][contributor];
        uint256 total = position.active + position.unbonding;
        if (amount > total) revert DatanetRegistryInsufficientStake(datanetId, contributor, total, amount);
        uint256 fromActive = amount < position.active ? amount : position.active;
        position.active -= fromActive;
        position.unbonding -= amount - fromActive;
        emit ContributorSlashed(datanetId, contributor, amount, treasury, reason);
        token.safeTransfer(treasury, amount);
    }

    /// @notice A datanet's curator, creation time, batch count, license and metadata URI.
    function datanet(uint256 datanetId) external view returns (Datanet memory) {
        return _datanet(datanetId);
    }

    /// @notice How many datanets exist (ids run from 1 to this).
    function datanetCount() external view returns (uint256) {
        return _datanetCount;
    }

    /// @notice A committed batch: its root, row count, commit time and URI.
    function batch(uint256 datanetId, uint256 batchIndex) public view returns (Batch memory) {
        if (batchIndex >= _datanet(datanetId).batchCount) revert DatanetRegistryUnknownBatch(datanetId, batchIndex);
        return _batches[datanetId][batchIndex];
    }

    /// @notice A contributor's stake on a datanet: active, unbonding, and when unbonding ends.
    function stakeOf(uint256 datanetId, address contributor) external view returns (Stake memory) {
        return _stakes[datanetId][contributor];
    }

    function _datanet(uint256 datanetId) private view returns (Datanet storage) {
        Datanet storage stored = _datanets[datanetId];
        if (stored.curator == address(0)) revert DatanetRegistryUnknownDatanet(datanetId);
        return stored;
    }
}
