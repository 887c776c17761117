// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";

/// @title MockAgentFees
/// @notice TEST ONLY — never deploy outside tests. Stands in for AgentRegistry's `creatorOf` in FeeRouter tests:
/// anyone sets any agent's creator.
contract MockAgentFees {
    mapping(uint256 agentId => address) public creatorOf;

    /// @notice Sets `agentId`'s creator (test only, unrestricted).
    function setCreator(uint256 agentId, address creator) external {
        creatorOf[agentId] = creator;
    }
}

/// @title MockStakerRewards
/// @notice TEST ONLY — never deploy outside tests. Stands in for AgentStaking's `notifyReward` in FeeRouter
/// tests: pulls `amount` from the caller and records it per agent; with `hasStakers(agentId)` false it forwards
/// the amount to the treasury, as AgentStaking does when an agent has no stakers.
contract MockStakerRewards {
    using SafeERC20 for IERC20;

    IERC20 public immutable token;
    address public immutable treasury;
    mapping(uint256 agentId => uint256) public rewardOf;
    mapping(uint256 agentId => bool) public hasStakers;

    event RewardNotified(uint256 indexed agentId, uint256 amount);

    constructor(IERC20 token_, address treasury_) {
        token = token_;
        treasury = treasury_;
    }

    /// @notice Marks whether `agentId` has stakers (test only, unrestricted).
    function setHasStakers(uint256 agentId, bool value) external {
        hasStakers[agentId] = value;
    }

    /// @notice Pulls `amount` from the caller into `agentId`'s rewards, or on to the treasury without stakers.
    function notifyReward(uint256 agentId, uint256 amount) external {
        token.safeTransferFrom(msg.sender, address(this), amount);
        if (hasStakers[agentId]) {
            rewardOf[agentId] += amount;
        } else {
            token.safeTransfer(treasury, amount);
        }
        emit RewardNotified(agentId, amount);
    }
}
