// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {Ownable} from "@openzeppelin/contracts/access/Ownable.sol";
import {ERC20} from "@openzeppelin/contracts/token/ERC20/ERC20.sol";

/// @title TestStablecoin (USDC, devnet only)
/// @notice A stand-in for a 6-decimal dollar stablecoin, so the devnet's Uniswap v2 has an OPEN/USDC pool.
/// DEVNET ONLY: its owner mints at will, nothing backs it, and it must never be deployed to a public chain.
contract TestStablecoin is ERC20, Ownable {
    /// @notice Deploys the token with no supply; `initialOwner` alone may mint.
    /// @param initialOwner The account allowed to mint.
    constructor(address initialOwner) ERC20("USD Coin (devnet)", "USDC") Ownable(initialOwner) {}

    /// @notice Six decimals, as USDC on mainnet.
    function decimals() public pure override returns (uint8) {
        return 6;
    }

    /// @notice Creates `amount` units (6 decimals) for `to`.
    /// Emits a {Transfer} from the zero address.
    /// Requirements: the caller is the owner (`OwnableUnauthorizedAccount` otherwise); `to` is not the zero
    /// address (`ERC20InvalidReceiver`).
    function mint(address to, uint256 amount) external onlyOwner {
        _mint(to, amount);
    }
}
