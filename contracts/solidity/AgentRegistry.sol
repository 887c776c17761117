// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {AccessControl} from "@openzeppelin/contracts/access/AccessControl.sol";

/// @title AgentRegistry
/// @notice Agents are AI services with a creator, a metadata URI, the hashes of the LoRA adapters they serve and
/// a fee per call in OPEN wei. The creator registers and updates an agent; the creator or a holder of
/// `PAUSER_ROLE` (the treasury Safe) can pause it, and a pause by the Safe holds until the Safe lifts it. Staking, rewards and slashing live in {AgentStaking}.
///
/// Powers are AccessControl roles held by the treasury Safe: `DEFAULT_ADMIN_ROLE` (grants and revokes every
/// role) and `PAUSER_ROLE` (pauses and unpauses any agent).
contract AgentRegistry is AccessControl {
    /// @notice The most adapter hashes one agent may list.
    uint256 public constant MAX_ADAPTERS = 32;
    /// @notice May pause and unpause any agent (its creator may pause its own without it).
    bytes32 public constant PAUSER_ROLE = keccak256("PAUSER_ROLE");

    struct Agent {
        address creator;
        uint64 registeredAt;
        bool paused;
        uint256 feePerCall;
        string metadataURI;
        bytes32[] adapterHashes;
    }

    uint256 private _agentCount;
    mapping(uint256 agentId => Agent) private _agents;
    /// Agents a `PAUSER_ROLE` holder paused: they stay paused until a `PAUSER_ROLE` holder unpauses them.
    mapping(uint256 agentId => bool) private _pauseHeld;

    event AgentRegistered(
        uint256 indexed agentId,
        address indexed creator,
        string metadataURI,
        bytes32[] adapterHashes,
        uint256 feePerCall
    );
    event AgentUpdated(uint256 indexed agentId, string metadataURI, bytes32[] adapterHashes, uint256 feePerCall);
    event AgentPaused(uint256 indexed agentId, address indexed account);
    event AgentUnpaused(uint256 indexed agentId, address indexed account);

    error AgentRegistryUnknownAgent(uint256 agentId);
    error AgentRegistryUnauthorized(uint256 agentId, address caller);
    error AgentRegistryPauseHeld(uint256 agentId, address caller);
    error AgentRegistryEmptyMetadata();
    error AgentRegistryTooManyAdapters(uint256 count, uint256 max);
    error AgentRegistryInvalidAdmin(address admin);

    /// @param admin_ The treasury Safe: it gets `DEFAULT_ADMIN_ROLE` and `PAUSER_ROLE` (not the zero address).
    constructor(address admin_) {
        if (admin_ == address(0)) revert AgentRegistryInvalidAdmin(admin_);
        _grantRole(DEFAULT_ADMIN_ROLE, admin_);
        _grantRole(PAUSER_ROLE, admin_);
    }

    /// @notice Registers an agent created by the caller.
    /// @return agentId The new agent's id (ids start at 1).
    /// Emits an {AgentRegistered} event.
    /// Requirements: `metadataURI` is not empty; at most {MAX_ADAPTERS} adapter hashes.
    function registerAgent(string calldata metadataURI, bytes32[] calldata adapterHashes, uint256 feePerCall)
        external
        returns (uint256 agentId)
    {
        _validate(metadataURI, adapterHashes);
        agentId = ++_agentCount;
        Agent storage stored = _agents[agentId];
        stored.creator = msg.sender;
        stored.registeredAt = uint64(block.timestamp);
        stored.feePerCall = feePerCall;
        stored.metadataURI = metadataURI;
        stored.adapterHashes = adapterHashes;
        emit AgentRegistered(agentId, msg.sender, metadataURI, adapterHashes, feePerCall);
    }

    /// @notice Replaces an agent's metadata URI, adapter hashes and fee per call.
    /// Emits an {AgentUpdated} event.
    /// Requirements: the agent exists and the caller is its creator; same input rules as {registerAgent}.
    function updateAgent(
        uint256 agentId,
        string calldata metadataURI,
        bytes32[] calldata adapterHashes,
        uint256 feePerCall
    ) external {
        Agent storage stored = _agent(agentId);
        if (msg.sender != stored.creator) revert AgentRegistryUnauthorized(agentId, msg.sender); // protection: update-creator
        _validate(metadataURI, adapterHashes);
        stored.feePerCall = feePerCall;
        stored.metadataURI = metadataURI;
        stored.adapterHashes = adapterHashes;
        emit AgentUpdated(agentId, metadataURI, adapterHashes, feePerCall);
    }

    /// @notice Pauses or unpauses an agent. A paused agent is never active in {AgentStaking}. A pause by a
    /// `PAUSER_ROLE` holder (the treasury Safe) holds until a `PAUSER_ROLE` holder lifts it: the creator cannot
    /// undo it (its own pause it can). Setting the state an agent already has changes nothing and emits nothing.
    /// Emits an {AgentPaused} or {AgentUnpaused} event.
    /// Requirements: the agent exists; the caller is its creator or holds `PAUSER_ROLE`
    /// ({AgentRegistryUnauthorized} otherwise); a creator unpausing an agent whose pause is held gets
    /// {AgentRegistryPauseHeld}.
    function setPaused(uint256 agentId, bool paused) external {
        Agent storage stored = _agent(agentId);
        bool pauser = hasRole(PAUSER_ROLE, msg.sender);
        if (msg.sender != stored.creator && !pauser) revert AgentRegistryUnauthorized(agentId, msg.sender); // protection: pause-authorized
        if (!paused && !pauser && _pauseHeld[agentId]) revert AgentRegistryPauseHeld(agentId, msg.sender); // protection: pause-held
        if (pauser) _pauseHeld[agentId] = paused;
        if (stored.paused == paused) return;
        stored.paused = paused;
        if (paused) emit AgentPaused(agentId, msg.sender);
        else emit AgentUnpaused(agentId, msg.sender);
    }

    /// @notice Whether an agent's pause is held by a `PAUSER_ROLE` holder (only such a holder may lift it).
    function isPauseHeld(uint256 agentId) external view returns (bool) {
        _agent(agentId);
        return _pauseHeld[agentId];
    }

    /// @notice An agent: creator, registration time, paused flag, fee per call, metadata URI, adapter hashes.
    function agent(uint256 agentId) external view returns (Agent memory) {
        return _agent(agentId);
    }

    /// @notice How many agents exist (ids run from 1 to this).
    function agentCount() external view returns (uint256) {
        return _agentCount;
    }

    /// @notice An agent's creator. Reverts with {AgentRegistryUnknownAgent} for an unknown id.
    function creatorOf(uint256 agentId) external view returns (address) {
        return _agent(agentId).creator;
    }

    /// @notice An agent's fee per call, in OPEN wei.
    function feeOf(uint256 agentId) external view returns (uint256) {
        return _agent(agentId).feePerCall;
    }

    /// @notice Whether an agent is paused.
    function isPaused(uint256 agentId) external view returns (bool) {
        return _agent(agentId).paused;
    }

    function _validate(string calldata metadataURI, bytes32[] calldata adapterHashes) private pure {
        if (bytes(metadataURI).length == 0) revert AgentRegistryEmptyMetadata();
        if (adapterHashes.length > MAX_ADAPTERS) {
            revert AgentRegistryTooManyAdapters(adapterHashes.length, MAX_ADAPTERS);
        }
    }

    function _agent(uint256 agentId) private view returns (Agent storage) {
        Agent storage stored = _agents[agentId];
        if (stored.creator == address(0)) revert AgentRegistryUnknownAgent(agentId);
        return stored;
    }
}
