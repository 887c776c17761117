// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {ERC20} from "@openzeppelin/contracts/token/ERC20/ERC20.sol";

/// @notice The part of SpendingLimitModule a re-entering delegate calls.
interface ISpendingLimitModule {
    function executeTransfer(address safe, address token, address to, uint256 amount) external;
}

/// @notice What {ReenteringToken} calls on a recipient with code (an ERC-777-style hook).
interface ITokenReceiver {
    function onTokenReceived(address from, uint256 amount) external;
}

/// @title FalseReturningToken
/// @notice TEST ONLY — never deploy outside tests. A token whose `transfer` moves nothing and returns false,
/// the way some early ERC-20s report failure instead of reverting.
contract FalseReturningToken {
    mapping(address => uint256) public balanceOf;

    /// @notice Gives `to` `amount` (test only, unrestricted).
    function mint(address to, uint256 amount) external {
        balanceOf[to] += amount;
    }

    /// @notice Moves nothing and says so.
    function transfer(address, uint256) external pure returns (bool) {
        return false;
    }
}

/// @title NoReturnToken
/// @notice TEST ONLY — never deploy outside tests. A USDT-style token: `transfer` moves the amount (reverting
/// when the balance is short) and returns nothing.
contract NoReturnToken {
    mapping(address => uint256) public balanceOf;

    /// @notice Gives `to` `amount` (test only, unrestricted).
    function mint(address to, uint256 amount) external {
        balanceOf[to] += amount;
    }

    /// @notice Moves `amount` to `to`, returning no value.
    function transfer(address to, uint256 amount) external {
        require(balanceOf[msg.sender] >= amount, "balance");
        balanceOf[msg.sender] -= amount;
        balanceOf[to] += amount;
    }
}

/// @title ReenteringToken
/// @notice TEST ONLY — never deploy outside tests. An ERC-20 that, after each transfer, calls
/// `onTokenReceived` on a recipient that has code, so a recipient can call back in mid-transfer.
contract ReenteringToken is ERC20 {
    constructor() ERC20("Reentering", "REE") {}

    /// @notice Gives `to` `amount` (test only, unrestricted).
    function mint(address to, uint256 amount) external {
        _mint(to, amount);
    }

    function _update(address from, address to, uint256 amount) internal override {
        super._update(from, to, amount);
        if (from != address(0) && to.code.length > 0) ITokenReceiver(to).onTokenReceived(from, amount);
    }
}

/// @title ReenteringDelegate
/// @notice TEST ONLY — never deploy outside tests. A delegate contract that spends through the module to
/// itself and, when the token's hook calls it back, tries to spend again from inside the first transfer. It
/// records whether the second spend went through and, if not, its revert data.
contract ReenteringDelegate is ITokenReceiver {
    ISpendingLimitModule public immutable module;
    address public safe;
    address public token;
    uint256 public reentryAmount;
    bool public reentered;
    bytes public reentryError;

    constructor(ISpendingLimitModule module_) {
        module = module_;
    }

    /// @notice Spends `amount` of `token_` from `safe_` to this contract, re-entering for `reentryAmount_`.
    function spend(address safe_, address token_, uint256 amount, uint256 reentryAmount_) external {
        safe = safe_;
        token = token_;
        reentryAmount = reentryAmount_;
        module.executeTransfer(safe_, token_, address(this), amount);
    }

    /// @notice The token's hook: one re-entering spend, its outcome recorded rather than bubbled.
    function onTokenReceived(address, uint256) external {
        if (msg.sender != token || reentryAmount == 0) return;
        uint256 amount = reentryAmount;
        reentryAmount = 0;
        try module.executeTransfer(safe, token, address(this), amount) {
            reentered = true;
        } catch (bytes memory error) {
            reentryError = error;
        }
    }
}
