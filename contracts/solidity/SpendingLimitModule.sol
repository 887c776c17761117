// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {ReentrancyGuardTransient} from "@openzeppelin/contracts/utils/ReentrancyGuardTransient.sol";

/// @notice The part of a Safe (v1.3+) that the module uses. `operation` is Safe's `Enum.Operation` (0: call).
interface ISafeModuleManager {
    function isModuleEnabled(address module) external view returns (bool);

    function execTransactionFromModuleReturnData(
        address to,
        uint256 value,
        bytes memory data,
        uint8 operation
    ) external returns (bool success, bytes memory returnData);
}

/// @title SpendingLimitModule
/// @notice A Safe module that lets a delegate (an AI agent's key) move a Safe's ERC-20 tokens or native token
/// up to a per-token allowance that resets every `resetPeriod` seconds of block time.
///
/// One deployment serves any number of Safes. Each Safe enables the module (`enableModule`) and configures it
/// by calling {setAllowance} and {removeDelegate} itself, through a Safe transaction signed by its owners: the
/// configuration a call changes is always that of `msg.sender`, and the caller must be a contract that has the
/// module enabled. The delegate then calls {executeTransfer}; anything above the allowance needs the owners.
///
/// Periods are anchored: when a period has passed, `lastReset` moves forward by whole periods, so a daily
/// allowance set at 09:00 resets at 09:00 each day however irregular the spending. A `resetPeriod` of 0 is a
/// one-time allowance that never resets. The native token is `address(0)`.
contract SpendingLimitModule is ReentrancyGuardTransient {
    /// @notice An allowance as stored; `spent` counts the period starting at `lastReset`.
    struct Allowance {
        uint256 amount;
        uint256 spent;
        uint64 resetPeriod;
        uint64 lastReset;
    }

    /// @notice An allowance as of the current block: a period that has passed reads as reset.
    struct AllowanceView {
        uint256 amount;
        uint256 spent;
        uint64 resetPeriod;
        uint64 lastReset;
        uint256 remaining;
    }

    /// @notice The native token, as a `token` argument.
    address public constant NATIVE_TOKEN = address(0);

    mapping(address safe => mapping(address delegate => mapping(address token => Allowance))) private _allowances;
    mapping(address safe => mapping(address delegate => address[] tokens)) private _tokens;

    /// @notice `safe` set `delegate`'s allowance of `token` to `amount` per `resetPeriod` seconds.
    event AllowanceSet(
        address indexed safe,
        address indexed delegate,
        address indexed token,
        uint256 amount,
        uint64 resetPeriod
    );

    /// @notice `safe` removed `delegate` and all its allowances.
    event DelegateRemoved(address indexed safe, address indexed delegate);

    /// @notice `delegate` transferred `amount` of `token` from `safe` to `to`; `spent` is the period's total since.
    event TransferExecuted(
        address indexed safe,
        address indexed delegate,
        address indexed token,
        address to,
        uint256 amount,
        uint256 spent
    );

    /// @notice The transfer would take the period's spending above the allowance. `resetsAt` is when the period
    /// ends (0: never, a one-time allowance).
    error AllowanceExceeded(uint256 allowance, uint256 spent, uint256 requested, uint64 resetsAt);

    /// @notice `delegate` has no allowance on `safe`.
    error UnknownDelegate(address safe, address delegate);

    /// @notice `caller` is not a Safe with this module enabled.
    error ModuleNotEnabled(address caller);

    error ZeroAmount();
    error ZeroAddress();

    /// @notice `token` is neither the native token nor a contract.
    error TokenHasNoCode(address token);

    /// @notice The Safe's call failed: the token reverted or returned false, or the Safe lacked the balance.
    error TransferFailed(address safe, address token, address to, uint256 amount);

    /// @notice Sets the caller Safe's allowance for `delegate` of `token` (`address(0)`: native) to `amount` per
    /// `resetPeriod` seconds. A new allowance starts a period now with nothing spent. Changing an allowance keeps
    /// what the current period has spent (a changed period starts now, still counting it), so a delegate that
    /// spends the old allowance just before a change never gets the new one whole: within a period it spends at
    /// most the larger of the two.
    ///
    /// Emits an {AllowanceSet} event.
    ///
    /// Requirements:
    /// - the caller is a Safe with this module enabled;
    /// - `delegate` is not the zero address; `amount` is not zero (use {removeDelegate} to revoke);
    /// - `token` is the native token or has code ({TokenHasNoCode}).
    function setAllowance(address delegate, address token, uint256 amount, uint64 resetPeriod) external {
        address safe = msg.sender;
        _requireEnabledSafe(safe);
        if (delegate == address(0)) revert ZeroAddress();
        if (amount == 0) revert ZeroAmount();
        _requireToken(token);
        Allowance storage allowance = _allowances[safe][delegate][token];
        if (allowance.amount == 0) {
            _tokens[safe][delegate].push(token);
            allowance.spent = 0;
            allowance.lastReset = uint64(block.timestamp);
            allowance.resetPeriod = resetPeriod;
        } else {
            _applyReset(allowance);
            if (allowance.resetPeriod != resetPeriod) {
                allowance.resetPeriod = resetPeriod;
                allowance.lastReset = uint64(block.timestamp); // spent carries into the new period
            }
        }
        allowance.amount = amount;
        emit AllowanceSet(safe, delegate, token, amount, resetPeriod);
    }

    /// @notice Removes `delegate` from the caller Safe with all its allowances.
    ///
    /// Emits a {DelegateRemoved} event.
    ///
    /// Requirements:
    /// - the caller is a Safe with this module enabled;
    /// - `delegate` has an allowance on the caller.
    function removeDelegate(address delegate) external {
        address safe = msg.sender;
        _requireEnabledSafe(safe);
        address[] storage tokens = _tokens[safe][delegate];
        if (tokens.length == 0) revert UnknownDelegate(safe, delegate);
        for (uint256 i = 0; i < tokens.length; ++i) {
            delete _allowances[safe][delegate][tokens[i]];
        }
        delete _tokens[safe][delegate];
        emit DelegateRemoved(safe, delegate);
    }

    /// @notice Transfers `amount` of `token` (`address(0)`: native) from `safe` to `to`, as the caller delegate,
    /// within the delegate's allowance. Spending is recorded before the Safe is called.
    ///
    /// Emits a {TransferExecuted} event.
    ///
    /// Requirements:
    /// - the caller is a delegate of `safe`, and `safe` has this module enabled;
    /// - `to` is not the zero address; `amount` is not zero;
    /// - the period's spending plus `amount` is at most the allowance;
    /// - `token` is the native token or has code ({TokenHasNoCode}: a call to an address without code succeeds
    ///   with no return data, which would count as a transfer that moved nothing);
    /// - the Safe's transfer succeeds (an ERC-20 returning false counts as failure).
    function executeTransfer(address safe, address token, address to, uint256 amount) external nonReentrant {
        address delegate = msg.sender;
        if (to == address(0)) revert ZeroAddress();
        if (amount == 0) revert ZeroAmount();
        _requireToken(token);
        if (_tokens[safe][delegate].length == 0) revert UnknownDelegate(safe, delegate);
        Allowance storage allowance = _allowances[safe][delegate][token];
        _applyReset(allowance);
        uint256 spent = allowance.spent;
        if (amount > allowance.amount || spent > allowance.amount - amount) {
            revert AllowanceExceeded(allowance.amount, spent, amount, _resetsAt(allowance));
        }
        // Cannot overflow: spent + amount ≤ allowance.amount, checked above.
        unchecked {
            spent += amount;
        }
        allowance.spent = spent;

        (address target, uint256 value, bytes memory data) = token == NATIVE_TOKEN
            ? (to, amount, bytes(""))
            : (token, uint256(0), abi.encodeCall(IERC20.transfer, (to, amount)));
        (bool success, bytes memory returned) = ISafeModuleManager(safe).execTransactionFromModuleReturnData(
            target,
            value,
            data,
            0
        );
        // Like SafeERC20: no return data is success (non-standard tokens); otherwise it must decode to true.
        if (!success || (token != NATIVE_TOKEN && returned.length > 0 && !_isTrue(returned))) {
            revert TransferFailed(safe, token, to, amount);
        }
        emit TransferExecuted(safe, delegate, token, to, amount, spent);
    }

    /// @notice `delegate`'s allowance of `token` on `safe` as of this block, with what remains of it.
    function allowanceOf(
        address safe,
        address delegate,
        address token
    ) external view returns (AllowanceView memory) {
        Allowance memory allowance = _allowances[safe][delegate][token];
        if (_periodPassed(allowance)) {
            allowance.lastReset = _currentPeriodStart(allowance);
            allowance.spent = 0;
        }
        uint256 remaining = allowance.amount > allowance.spent ? allowance.amount - allowance.spent : 0;
        return AllowanceView(allowance.amount, allowance.spent, allowance.resetPeriod, allowance.lastReset, remaining);
    }

    /// @notice The tokens `delegate` has an allowance of on `safe`.
    function tokensOf(address safe, address delegate) external view returns (address[] memory) {
        return _tokens[safe][delegate];
    }

    /// @notice Whether `delegate` has any allowance on `safe`.
    function isDelegate(address safe, address delegate) external view returns (bool) {
        return _tokens[safe][delegate].length > 0;
    }

    function _requireToken(address token) private view {
        if (token != NATIVE_TOKEN && token.code.length == 0) revert TokenHasNoCode(token);
    }

    function _requireEnabledSafe(address safe) private view {
        if (safe.code.length == 0) revert ModuleNotEnabled(safe);
        try ISafeModuleManager(safe).isModuleEnabled(address(this)) returns (bool enabled) {
            if (!enabled) revert ModuleNotEnabled(safe);
        } catch {
            revert ModuleNotEnabled(safe);
        }
    }

    function _applyReset(Allowance storage allowance) private {
        if (!_periodPassed(allowance)) return;
        allowance.lastReset = _currentPeriodStart(allowance);
        allowance.spent = 0;
    }

    function _periodPassed(Allowance memory allowance) private view returns (bool) {
        return allowance.resetPeriod > 0 && block.timestamp >= uint256(allowance.lastReset) + allowance.resetPeriod;
    }

    function _currentPeriodStart(Allowance memory allowance) private view returns (uint64) {
        // Cannot underflow: lastReset is a past block time. The result ≤ block.timestamp fits in uint64.
        unchecked {
            uint256 elapsed = block.timestamp - allowance.lastReset;
            return uint64(block.timestamp - (elapsed % allowance.resetPeriod));
        }
    }

    function _resetsAt(Allowance memory allowance) private pure returns (uint64) {
        return allowance.resetPeriod == 0 ? 0 : allowance.lastReset + allowance.resetPeriod;
    }

    function _isTrue(bytes memory returned) private pure returns (bool) {
        return returned.length >= 32 && abi.decode(returned, (bool));
    }
}
