// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {ERC20} from "@openzeppelin/contracts/token/ERC20/ERC20.sol";
import {ERC20Permit} from "@openzeppelin/contracts/token/ERC20/extensions/ERC20Permit.sol";
import {ERC20Votes} from "@openzeppelin/contracts/token/ERC20/extensions/ERC20Votes.sol";
import {Nonces} from "@openzeppelin/contracts/utils/Nonces.sol";

/// @title OpenToken (OPEN)
/// @notice The OpenLedger token: a fixed supply of 1,000,000,000 OPEN, all minted at deployment by a genesis
/// allocation table. No mint, no burn, no owner. Votes are checkpointed by block timestamp.
contract OpenToken is ERC20, ERC20Permit, ERC20Votes {
    /// @notice The whole supply, in wei: 1e9 OPEN with 18 decimals.
    uint256 public constant TOTAL_SUPPLY = 1_000_000_000 ether;

    /// @dev The genesis table's two arrays differ in length.
    error GenesisLengthMismatch(uint256 holders, uint256 amounts);
    /// @dev A genesis entry names the zero address or allocates nothing.
    error GenesisInvalidEntry(uint256 index, address holder, uint256 amount);
    /// @dev The genesis amounts do not add up to `TOTAL_SUPPLY`.
    error GenesisSupplyMismatch(uint256 allocated, uint256 expected);

    /// @notice Mints the whole supply to the genesis table.
    /// @param holders Recipients, in table order (the same address may appear more than once).
    /// @param amounts Amount in wei for each recipient.
    /// Emits a {Transfer} from the zero address for each entry.
    /// Requirements: equal lengths; no zero address or zero amount; amounts sum to exactly `TOTAL_SUPPLY`.
    constructor(address[] memory holders, uint256[] memory amounts)
        ERC20("OpenLedger", "OPEN")
        ERC20Permit("OpenLedger")
    {
        if (holders.length != amounts.length) revert GenesisLengthMismatch(holders.length, amounts.length);
        uint256 allocated;
        for (uint256 i = 0; i < holders.length; ++i) {
            if (holders[i] == address(0) || amounts[i] == 0) revert GenesisInvalidEntry(i, holders[i], amounts[i]);
            allocated += amounts[i];
            if (allocated > TOTAL_SUPPLY) revert GenesisSupplyMismatch(allocated, TOTAL_SUPPLY);
            _mint(holders[i], amounts[i]);
        }
        if (allocated != TOTAL_SUPPLY) revert GenesisSupplyMismatch(allocated, TOTAL_SUPPLY);
    }

    /// @notice Votes are checkpointed by block timestamp (EIP-6372).
    function clock() public view override returns (uint48) {
        return uint48(block.timestamp);
    }

    /// @notice EIP-6372 clock description.
    // solhint-disable-next-line func-name-mixedcase
    function CLOCK_MODE() public pure override returns (string memory) {
        return "mode=timestamp";
    }

    function _update(address from, address to, uint256 value) internal override(ERC20, ERC20Votes) {
        super._update(from, to, value);
    }

    /// @notice The next permit nonce of `owner`.
    function nonces(address owner) public view override(ERC20Permit, Nonces) returns (uint256) {
        return super.nonces(owner);
    }
}
