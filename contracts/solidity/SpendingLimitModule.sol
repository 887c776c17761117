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
/// Disabling the module ends every delegation for good. Allowances live under a per-Safe generation; the Safe
/// ends its delegations by calling {endDelegations} (our tools batch it with `disableModule`), and after a bare
/// `disableModule` (Safe 1.4.1 tells a module nothing) anyone may call {recordDisabled} while the module is not
/// enabled on that Safe. Either moves the Safe to a new, empty generation: re-enabling the module revives
/// nothing. A bare disable that is re-enabled before anyone calls {recordDisabled} does revive the old
/// delegations: nothing on-chain tells the module that it happened.
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

    mapping(address safe => uint256) private _generations;
    mapping(address safe => mapping(uint256 generation => mapping(address delegate => mapping(address token => Allowance))))
        private _allowances;
    mapping(address safe => mapping(uint256 generation => mapping(address delegate => address[] tokens)))
        private _tokens;

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

    /// @notice Every delegation `safe` had ended: its allowances now live under `generation`, empty so far.
    /// `byDisable` is true when {recordDisabled} ended them, false when the Safe called {endDelegations}.
    event DelegationsEnded(address indexed safe, uint256 generation, bool byDisable);

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

    /// @notice {recordDisabled} was called for `safe` while it still has this module enabled.
    error ModuleStillEnabled(address safe);

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
    /// most the larger of the two. (Removing a delegate and granting it again is a new grant: it starts afresh.)
    ///
    /// Emits an {AllowanceSet} event.
    ///
    /// Requirements:
    /// - the caller is a Safe with this module enabled (a stale Safe transaction executed after a disable cannot
    ///   plant a delegation for a later re-enable);
    /// - `delegate` is not the zero address; `amount` is not zero (use {removeDelegate} to revoke);
    /// - `token` is the native token or has code ({TokenHasNoCode}).
    function setAllowance(address delegate, address token, uint256 amount, uint64 resetPeriod) external {
        address safe = msg.sender;
        _requireEnabledSafe(safe); // protection: enabled-safe
        if (delegate == address(0)) revert ZeroAddress();
        if (amount == 0) revert ZeroAmount();
        _requireToken(token); // protection: token-code-on-set
        uint256 generation = _generations[safe];
        Allowance storage allowance = _allowances[safe][generation][delegate][token];
        if (allowance.amount == 0) {
            _tokens[safe][generation][delegate].push(token);
            allowance.lastReset = uint64(block.timestamp);
            allowance.resetPeriod = resetPeriod;
        } else {
            _applyReset(allowance);
            if (allowance.resetPeriod != resetPeriod) {
                allowance.resetPeriod = resetPeriod;
                // A changed period starts now and `spent` carries into it: anchored at the old start, a shorter
                // period could have passed already and hand out the new allowance on top of the old.
                allowance.lastReset = uint64(block.timestamp); // protection: period-change-restarts
            }
        }
        allowance.amount = amount;
        emit AllowanceSet(safe, delegate, token, amount, resetPeriod);
    }

    /// @notice Removes `delegate` from the caller Safe with all its allowances. Works whether or not the module
    /// is enabled: it only narrows the caller's own configuration.
    ///
    /// Emits a {DelegateRemoved} event.
    ///
    /// Requirements:
    /// - `delegate` has an allowance on the caller ({UnknownDelegate}).
    function removeDelegate(address delegate) external {
        address safe = msg.sender;
        uint256 generation = _generations[safe];
        address[] storage tokens = _tokens[safe][generation][delegate];
        if (tokens.length == 0) revert UnknownDelegate(safe, delegate);
        for (uint256 i = 0; i < tokens.length; ++i) {
            delete _allowances[safe][generation][delegate][tokens[i]];
        }
        delete _tokens[safe][generation][delegate];
        emit DelegateRemoved(safe, delegate);
    }

    /// @notice Ends every delegation of the caller Safe for good: its delegates and allowances are gone, and
    /// re-enabling the module revives none of them. The Safe calls it in the same transaction as
    /// `disableModule` (the tools' `disableSpendingLimit`), or on its own to start over. Anyone calling it ends
    /// only their own (for an address that is not a Safe, nothing).
    ///
    /// Emits a {DelegationsEnded} event.
    function endDelegations() external {
        _endDelegations(msg.sender, false); // protection: end-delegations
    }

    /// @notice Ends every delegation of `safe` after a bare `disableModule`: callable by anyone (a watcher, the
    /// next user) while `safe` does not have this module enabled, so a later re-enable revives none of them.
    ///
    /// Emits a {DelegationsEnded} event.
    ///
    /// Requirements:
    /// - `safe` does not have this module enabled ({ModuleStillEnabled}).
    function recordDisabled(address safe) external {
        if (_isEnabledSafe(safe)) revert ModuleStillEnabled(safe); // protection: record-only-while-disabled
        _endDelegations(safe, true); // protection: record-disabled-ends
    }

    /// @notice Transfers `amount` of `token` (`address(0)`: native) from `safe` to `to`, as the caller delegate,
    /// within the delegate's allowance. Spending is recorded before the Safe is called.
    ///
    /// Emits a {TransferExecuted} event.
    ///
    /// Requirements:
    /// - the caller is a delegate of `safe` in its current generation, and `safe` has this module enabled
    ///   ({ModuleNotEnabled});
    /// - `to` is not the zero address; `amount` is not zero;
    /// - the period's spending plus `amount` is at most the allowance;
    /// - `token` is the native token or has code ({TokenHasNoCode}: a call to an address without code succeeds
    ///   with no return data, which would count as a transfer that moved nothing);
    /// - the Safe's transfer succeeds (an ERC-20 returning false counts as failure);
    /// - it is not re-entered (a token or recipient calling back in is refused by the reentrancy guard).
    function executeTransfer(address safe, address token, address to, uint256 amount)
        external
        nonReentrant // protection: reentrancy
    {
        address delegate = msg.sender;
        if (to == address(0)) revert ZeroAddress();
        if (amount == 0) revert ZeroAmount();
        _requireToken(token); // protection: token-code-on-transfer
        uint256 generation = _generations[safe];
        if (_tokens[safe][generation][delegate].length == 0) revert UnknownDelegate(safe, delegate);
        Allowance storage allowance = _allowances[safe][generation][delegate][token];
        _applyReset(allowance);
        uint256 spent = allowance.spent;
        _requireWithin(allowance, spent, amount); // protection: allowance-limit
        // The Safe would refuse a disabled module too (GS104); this names the reason with a custom error.
        _requireEnabledSafe(safe);
        // Cannot overflow: spent + amount ≤ allowance.amount, checked above.
        unchecked {
            spent += amount;
        }
        allowance.spent = spent; // protection: record-spending

        (address target, uint256 value, bytes memory data) = token == NATIVE_TOKEN
            ? (to, amount, bytes(""))
            : (token, uint256(0), abi.encodeCall(IERC20.transfer, (to, amount)));
        (bool success, bytes memory returned) = ISafeModuleManager(safe).execTransactionFromModuleReturnData(
            target,
            value,
            data,
            0
        );
        _requireTransferred(success, returned, safe, token, to, amount); // protection: transfer-result
        emit TransferExecuted(safe, delegate, token, to, amount, spent);
    }

    /// @notice `delegate`'s allowance of `token` on `safe` as of this block, with what remains of it; zero once
    /// the Safe's delegations have ended.
    function allowanceOf(
        address safe,
        address delegate,
        address token
    ) external view returns (AllowanceView memory) {
        Allowance memory allowance = _allowances[safe][_generations[safe]][delegate][token];
        if (_periodPassed(allowance)) {
            allowance.lastReset = _currentPeriodStart(allowance);
            allowance.spent = 0;
        }
        uint256 remaining = allowance.amount > allowance.spent ? allowance.amount - allowance.spent : 0;
        return AllowanceView(allowance.amount, allowance.spent, allowance.resetPeriod, allowance.lastReset, remaining);
    }

    /// @notice The tokens `delegate` has an allowance of on `safe`.
    function tokensOf(address safe, address delegate) external view returns (address[] memory) {
        return _tokens[safe][_generations[safe]][delegate];
    }

    /// @notice Whether `delegate` has any allowance on `safe`.
    function isDelegate(address safe, address delegate) external view returns (bool) {
        return _tokens[safe][_generations[safe]][delegate].length > 0;
    }

    /// @notice How many times `safe`'s delegations have ended: allowances set since live under this number.
    function generationOf(address safe) external view returns (uint256) {
        return _generations[safe];
    }

    function _endDelegations(address safe, bool byDisable) private {
        uint256 generation = _generations[safe] + 1;
        _generations[safe] = generation;
        emit DelegationsEnded(safe, generation, byDisable);
    }

    function _requireToken(address token) private view {
        if (token != NATIVE_TOKEN && token.code.length == 0) revert TokenHasNoCode(token);
    }

    function _requireEnabledSafe(address safe) private view {
        if (!_isEnabledSafe(safe)) revert ModuleNotEnabled(safe);
    }

    /// @dev False for an address without code or whose `isModuleEnabled` reverts or returns no bool.
    function _isEnabledSafe(address safe) private view returns (bool) {
        if (safe.code.length == 0) return false;
        try ISafeModuleManager(safe).isModuleEnabled(address(this)) returns (bool enabled) {
            return enabled;
        } catch {
            return false;
        }
    }

    function _requireWithin(Allowance storage allowance, uint256 spent, uint256 amount) private view {
        if (amount > allowance.amount || spent > allowance.amount - amount) {
            revert AllowanceExceeded(allowance.amount, spent, amount, _resetsAt(allowance));
        }
    }

    /// @dev Like SafeERC20: no return data is success (USDT-style tokens); otherwise it must decode to true.
    function _requireTransferred(
        bool success,
        bytes memory returned,
        address safe,
        address token,
        address to,
        uint256 amount
    ) private pure {
        if (!success || (token != NATIVE_TOKEN && returned.length > 0 && !_isTrue(returned))) {
            revert TransferFailed(safe, token, to, amount);
        }
    }

    function _applyReset(Allowance storage allowance) private {
        if (!_periodPassed(allowance)) return; // protection: period-boundary
        allowance.lastReset = _currentPeriodStart(allowance);
        allowance.spent = 0;
    }

    /// @dev A period of P seconds starting at `lastReset` has passed at `lastReset + P` exactly (P − 1 seconds
    /// after its start still counts in it); a one-time allowance (P = 0) never passes.
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
