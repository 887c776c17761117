// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {Ownable} from "@openzeppelin/contracts/access/Ownable.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {SafeCast} from "@openzeppelin/contracts/utils/math/SafeCast.sol";
import {MerkleProof} from "@openzeppelin/contracts/utils/cryptography/MerkleProof.sol";
import {ReentrancyGuardTransient} from "@openzeppelin/contracts/utils/ReentrancyGuardTransient.sol";

/// @notice The part of AgentRegistry that FeeRouter reads: who created an agent.
interface IAgentFees {
    function creatorOf(uint256 agentId) external view returns (address);
}

/// @notice The part of AgentStaking that FeeRouter calls: it pulls `amount` OPEN from the caller (transferFrom)
/// into the agent's reward-per-share accumulator, or forwards it to the treasury when the agent has no stakers.
interface IStakerRewards {
    function notifyReward(uint256 agentId, uint256 amount) external;
}

/// @title FeeRouter
/// @notice Holds callers' prepaid OPEN and settles metered fees once per epoch in one transaction.
///
/// Prepaid balances: anyone deposits for themselves or for another account. Withdrawing takes notice: the
/// owner of a balance first requests a withdrawal, which unlocks after `withdrawalDelay`; until then the whole
/// balance stays chargeable, so a payer cannot pull out fees the gateway already served before the epoch that
/// contains them settles. Gateways treat `balanceOf − pending withdrawal` as spendable.
///
/// Settlement takes aggregates, never per-receipt arrays, so its cost grows with the payers and agents of an
/// epoch, not with its receipts. Per agent, with `fees` its fees of the epoch and `bps` the current splits:
/// - agent creator: `⌊fees × agentCreator / 10000⌋`, transferred to `agents.creatorOf(agentId)`;
/// - stakers: `⌊fees × stakers / 10000⌋`, approved to and pulled by `staking.notifyReward(agentId, share)`;
/// - adapter creators: the pool `Σ ⌊fees × adapterCreators / 10000⌋` must equal `Σ adapterCreators[].amount`,
///   each transferred (the per-creator split is computed off-chain from the receipts);
/// - contributors: the pool `Σ ⌊fees × contributors / 10000⌋`; `contributorsPaid` (≤ pool) is what the new
///   cumulative payouts root adds to contributors' entitlements, held here for {claim};
/// - treasury: everything else — its own bps share, the contributor pool's unpaid part (no-evidence answers
///   and dust) and all rounding dust — in one transfer.
/// So `Σ transfers + contributorsPaid == Σ charges` exactly, to the wei.
///
/// Contributors claim with a proof against the latest payouts root, an OpenZeppelin StandardMerkleTree over
/// `[address account, uint256 cumulative]` (leaf `keccak256(bytes.concat(keccak256(abi.encode(account,
/// cumulative))))`); a claim pays `cumulative − claimed`.
///
/// The owner (the treasury Safe) sets the splits and the settler.
contract FeeRouter is Ownable, ReentrancyGuardTransient {
    using SafeERC20 for IERC20;

    /// @notice Shares of each fee in basis points; they sum to exactly 10,000.
    struct Splits {
        uint16 contributors;
        uint16 agentCreator;
        uint16 adapterCreators;
        uint16 stakers;
        uint16 treasury;
    }

    /// @notice Debit `amount` from `payer`'s prepaid balance.
    struct Charge {
        address payer;
        uint256 amount;
    }

    /// @notice An agent's total fees in the epoch.
    struct AgentFees {
        uint256 agentId;
        uint256 fees;
    }

    /// @notice What one adapter creator earns in the epoch.
    struct AdapterCreatorFees {
        address creator;
        uint256 amount;
    }

    struct Withdrawal {
        uint256 amount;
        uint64 unlocksAt;
    }

    struct Totals {
        uint256 charged;
        uint256 treasury;
        uint256 creators;
        uint256 stakers;
    }

    uint256 private constant BPS = 10_000;

    /// @notice The token fees are paid in (OPEN).
    IERC20 public immutable token;
    /// @notice Receives the treasury's share and the undistributed remainder (the treasury Safe).
    address public immutable treasury;
    /// @notice AgentRegistry: who created an agent.
    IAgentFees public immutable agents;
    /// @notice AgentStaking: where stakers' shares go.
    IStakerRewards public immutable staking;
    /// @notice Seconds between requesting a withdrawal and being able to withdraw.
    uint64 public immutable withdrawalDelay;

    address private _settler;
    Splits private _splits;
    uint64 private _lastEpoch;
    bytes32 private _payoutsRoot;
    /// Packed in one slot so a claim touches one slot for its solvency guard; 2^128 wei far exceeds OPEN's supply.
    uint128 private _contributorsFunded;
    uint128 private _contributorsClaimed;

    mapping(address account => uint256) private _balances;
    mapping(address account => Withdrawal) private _withdrawals;
    mapping(uint64 epoch => bytes32) private _receiptsRoots;
    mapping(address account => uint256) private _claimed;

    event Deposited(address indexed from, address indexed account, uint256 amount);
    event WithdrawalRequested(address indexed account, uint256 amount, uint64 unlocksAt);
    event Withdrawn(address indexed account, uint256 amount);
    event SplitsSet(Splits splits);
    event SettlerChanged(address indexed previousSettler, address indexed newSettler);
    event EpochSettled(
        uint64 indexed epoch, bytes32 receiptsRoot, bytes32 payoutsRoot, uint256 totalCharged, uint256 contributorsPaid
    );
    event Claimed(address indexed account, uint256 amount, uint256 cumulative);

    error FeeRouterInvalidConfig();
    error FeeRouterZeroAmount();
    error FeeRouterInvalidSplits(uint256 sum);
    error FeeRouterUnauthorizedSettler(address caller);
    error FeeRouterUnexpectedEpoch(uint64 expected, uint64 got);
    error FeeRouterEmptyReceiptsRoot();
    error FeeRouterInsufficientBalance(address account, uint256 balance, uint256 needed);
    error FeeRouterUnbalancedSettlement(uint256 charged, uint256 agentFees);
    error FeeRouterUnbalancedAdapterFees(uint256 pool, uint256 paid);
    error FeeRouterContributorsOverpaid(uint256 pool, uint256 paid);
    error FeeRouterUnknownAgent(uint256 agentId);
    error FeeRouterWithdrawalLocked(address account, uint256 requested, uint64 unlocksAt);
    error FeeRouterInvalidProof(address account, uint256 cumulative);
    error FeeRouterNothingToClaim(address account);
    error FeeRouterUnderfunded(uint256 available, uint256 needed);

    modifier onlySettler() {
        if (msg.sender != _settler) revert FeeRouterUnauthorizedSettler(msg.sender);
        _;
    }

    /// @dev The treasury Safe owns the router. Requirements: no zero addresses; `splits` sum to 10,000.
    constructor(
        IERC20 token_,
        address treasury_,
        IAgentFees agents_,
        IStakerRewards staking_,
        address settler_,
        Splits memory splits_,
        uint64 withdrawalDelay_
    ) Ownable(treasury_) {
        if (
            address(token_) == address(0) || address(agents_) == address(0) || address(staking_) == address(0)
                || settler_ == address(0)
        ) revert FeeRouterInvalidConfig();
        token = token_;
        treasury = treasury_;
        agents = agents_;
        staking = staking_;
        withdrawalDelay = withdrawalDelay_;
        _setSettler(settler_);
        _setSplits(splits_);
    }

    // ---------------------------------------------------------------- prepaid balances

    /// @notice Deposits `amount` OPEN into the caller's prepaid balance (approve this contract first).
    /// Emits a {Deposited} event. Requirements: `amount` is not zero.
    function deposit(uint256 amount) external nonReentrant {
        _deposit(msg.sender, amount);
    }

    /// @notice Deposits `amount` of the caller's OPEN into `account`'s prepaid balance.
    /// Emits a {Deposited} event. Requirements: `account` is not zero; `amount` is not zero.
    function depositFor(address account, uint256 amount) external nonReentrant {
        if (account == address(0)) revert FeeRouterInvalidConfig();
        _deposit(account, amount);
    }

    /// @notice Asks to withdraw `amount` of the caller's balance after `withdrawalDelay`; replaces any earlier
    /// request and restarts the delay. The balance stays chargeable by settlements meanwhile.
    /// Emits a {WithdrawalRequested} event.
    /// Requirements: `amount` is not zero and at most the caller's balance.
    function requestWithdrawal(uint256 amount) external {
        if (amount == 0) revert FeeRouterZeroAmount();
        uint256 balance = _balances[msg.sender];
        if (amount > balance) revert FeeRouterInsufficientBalance(msg.sender, balance, amount);
        uint64 unlocksAt = uint64(block.timestamp) + withdrawalDelay;
        _withdrawals[msg.sender] = Withdrawal(amount, unlocksAt);
        emit WithdrawalRequested(msg.sender, amount, unlocksAt);
    }

    /// @notice Withdraws `amount` of the caller's unreserved balance: at most what was requested at least
    /// `withdrawalDelay` ago, and at most what settlements left.
    /// Emits a {Withdrawn} event.
    /// Requirements: `amount` is not zero, at most the unlocked request and at most the balance.
    function withdraw(uint256 amount) external nonReentrant {
        if (amount == 0) revert FeeRouterZeroAmount();
        Withdrawal storage request = _withdrawals[msg.sender];
        if (amount > request.amount || block.timestamp < request.unlocksAt) {
            revert FeeRouterWithdrawalLocked(msg.sender, request.amount, request.unlocksAt);
        }
        uint256 balance = _balances[msg.sender];
        if (amount > balance) revert FeeRouterInsufficientBalance(msg.sender, balance, amount);
        // Both subtractions were just checked to stay non-negative.
        unchecked {
            _balances[msg.sender] = balance - amount;
            request.amount -= amount;
        }
        emit Withdrawn(msg.sender, amount);
        token.safeTransfer(msg.sender, amount);
    }

    // ---------------------------------------------------------------- administration

    /// @notice Sets the fee splits, in basis points.
    /// Emits a {SplitsSet} event. Requirements: the caller is the owner; the five shares sum to 10,000.
    function setSplits(Splits calldata splits_) external onlyOwner {
        _setSplits(splits_);
    }

    /// @notice Hands the settler role to `newSettler`.
    /// Emits a {SettlerChanged} event. Requirements: the caller is the owner; `newSettler` is not zero.
    function setSettler(address newSettler) external onlyOwner {
        if (newSettler == address(0)) revert FeeRouterInvalidConfig();
        _setSettler(newSettler);
    }

    // ---------------------------------------------------------------- settlement

    /// @notice Settles epoch `epoch` in one transaction: debits `charges` from prepaid balances and routes the
    /// fees of `agents_` by the current splits (see the contract's notice for the exact rules). Stores the
    /// epoch's receipts root and makes `payoutsRoot` the root contributors claim against.
    /// @param contributorsPaid How much the new cumulative payouts root adds over the previous one.
    /// Emits an {EpochSettled} event.
    /// Requirements:
    /// - the caller is the settler; `epoch` is the last settled epoch + 1 (epochs start at 1);
    /// - `receiptsRoot` is not zero; every payer's balance covers its charge;
    /// - `Σ agents_.fees == Σ charges.amount`; `Σ adapterCreators.amount` equals the adapter creators' pool;
    ///   `contributorsPaid` is at most the contributors' pool; every agent has a creator.
    function settleEpoch(
        uint64 epoch,
        bytes32 receiptsRoot,
        bytes32 payoutsRoot_,
        Charge[] calldata charges,
        AgentFees[] calldata agents_,
        AdapterCreatorFees[] calldata adapterCreators,
        uint256 contributorsPaid
    ) external onlySettler nonReentrant {
        uint64 expected = _lastEpoch + 1;
        if (epoch != expected) revert FeeRouterUnexpectedEpoch(expected, epoch);
        if (receiptsRoot == bytes32(0)) revert FeeRouterEmptyReceiptsRoot();

        Totals memory totals = _totalsOf(_debit(charges), agents_, adapterCreators, contributorsPaid);

        _lastEpoch = epoch;
        _receiptsRoots[epoch] = receiptsRoot;
        _payoutsRoot = payoutsRoot_;
        _contributorsFunded += SafeCast.toUint128(contributorsPaid);
        emit EpochSettled(epoch, receiptsRoot, payoutsRoot_, totals.charged, contributorsPaid);

        _payAgents(agents_, totals.stakers);
        for (uint256 i = 0; i < adapterCreators.length; ++i) {
            AdapterCreatorFees calldata payee = adapterCreators[i];
            if (payee.amount != 0) token.safeTransfer(payee.creator, payee.amount);
        }
        if (totals.treasury != 0) token.safeTransfer(treasury, totals.treasury);
    }

    // ---------------------------------------------------------------- claims

    /// @notice Pays `account` what it has earned and not yet claimed: `cumulative − claimed(account)`, proven by
    /// `proof` against the latest payouts root. Anyone may claim on an account's behalf; the OPEN goes to it.
    /// Emits a {Claimed} event.
    /// Requirements: the proof is valid; `cumulative` exceeds what `account` has claimed; the router holds
    /// enough of the contributors' funded total.
    function claim(address account, uint256 cumulative, bytes32[] calldata proof) external nonReentrant {
        bytes32 leaf = keccak256(bytes.concat(keccak256(abi.encode(account, cumulative))));
        if (!MerkleProof.verifyCalldata(proof, _payoutsRoot, leaf)) revert FeeRouterInvalidProof(account, cumulative);
        uint256 already = _claimed[account];
        if (cumulative <= already) revert FeeRouterNothingToClaim(account);
        uint256 amount;
        // Checked just above: cumulative > already.
        unchecked {
            amount = cumulative - already;
        }
        uint256 available = _contributorsFunded - _contributorsClaimed;
        if (amount > available) revert FeeRouterUnderfunded(available, amount);
        _claimed[account] = cumulative;
        // amount ≤ available < 2^128, and claimed + amount ≤ funded, so neither the cast nor the sum overflows.
        unchecked {
            _contributorsClaimed += uint128(amount);
        }
        emit Claimed(account, amount, cumulative);
        token.safeTransfer(account, amount);
    }

    // ---------------------------------------------------------------- views

    /// @notice `account`'s prepaid balance, pending withdrawal included.
    function balanceOf(address account) external view returns (uint256) {
        return _balances[account];
    }

    /// @notice `account`'s pending withdrawal request: its amount and when it unlocks.
    function withdrawalOf(address account) external view returns (Withdrawal memory) {
        return _withdrawals[account];
    }

    /// @notice The current fee splits, in basis points.
    function splits() external view returns (Splits memory) {
        return _splits;
    }

    /// @notice The account allowed to settle epochs.
    function settler() external view returns (address) {
        return _settler;
    }

    /// @notice The last settled epoch (0 before the first).
    function lastEpoch() external view returns (uint64) {
        return _lastEpoch;
    }

    /// @notice The receipts root of a settled epoch (zero for one not settled).
    function receiptsRootOf(uint64 epoch) external view returns (bytes32) {
        return _receiptsRoots[epoch];
    }

    /// @notice The latest cumulative payouts root contributors claim against.
    function payoutsRoot() external view returns (bytes32) {
        return _payoutsRoot;
    }

    /// @notice How much `account` has claimed in total.
    function claimed(address account) external view returns (uint256) {
        return _claimed[account];
    }

    /// @notice Totals of the contributors' pool: funded by settlements and claimed so far.
    function contributorTotals() external view returns (uint256 funded, uint256 claimedTotal) {
        return (_contributorsFunded, _contributorsClaimed);
    }

    // ---------------------------------------------------------------- internals

    function _deposit(address account, uint256 amount) private {
        if (amount == 0) revert FeeRouterZeroAmount();
        _balances[account] += amount;
        emit Deposited(msg.sender, account, amount);
        token.safeTransferFrom(msg.sender, address(this), amount);
    }

    function _debit(Charge[] calldata charges) private returns (uint256 charged) {
        for (uint256 i = 0; i < charges.length; ++i) {
            address payer = charges[i].payer;
            uint256 amount = charges[i].amount;
            uint256 balance = _balances[payer];
            if (amount > balance) revert FeeRouterInsufficientBalance(payer, balance, amount);
            // Checked just above: amount ≤ balance.
            unchecked {
                _balances[payer] = balance - amount;
            }
            charged += amount;
        }
    }

    /// @dev The epoch's totals per party, after checking they balance against `charged`.
    function _totalsOf(
        uint256 charged,
        AgentFees[] calldata agents_,
        AdapterCreatorFees[] calldata adapterCreators,
        uint256 contributorsPaid
    ) private view returns (Totals memory t) {
        Splits memory splits_ = _splits;
        t.charged = charged;
        uint256 agentFees;
        uint256 adapterPool;
        uint256 contributorPool;
        for (uint256 i = 0; i < agents_.length; ++i) {
            uint256 fees = agents_[i].fees;
            agentFees += fees;
            t.creators += fees * splits_.agentCreator / BPS;
            t.stakers += fees * splits_.stakers / BPS;
            adapterPool += fees * splits_.adapterCreators / BPS;
            contributorPool += fees * splits_.contributors / BPS;
        }
        if (agentFees != charged) revert FeeRouterUnbalancedSettlement(charged, agentFees);
        uint256 adapterPaid;
        for (uint256 i = 0; i < adapterCreators.length; ++i) {
            adapterPaid += adapterCreators[i].amount;
        }
        if (adapterPaid != adapterPool) revert FeeRouterUnbalancedAdapterFees(adapterPool, adapterPaid);
        if (contributorsPaid > contributorPool) revert FeeRouterContributorsOverpaid(contributorPool, contributorsPaid);
        // Each share is a floor of fees × bps / 10000 with the bps summing to 10000, and contributorsPaid is at
        // most the contributors' pool, so the parties' total never exceeds `charged`.
        unchecked {
            t.treasury = charged - t.creators - t.stakers - adapterPool - contributorsPaid;
        }
    }

    /// @dev Transfers each agent's creator share and hands stakers' shares to AgentStaking, approving their
    /// total once (AgentStaking pulls each share).
    function _payAgents(AgentFees[] calldata agents_, uint256 stakersTotal) private {
        Splits memory splits_ = _splits;
        if (stakersTotal != 0) token.forceApprove(address(staking), stakersTotal);
        for (uint256 i = 0; i < agents_.length; ++i) {
            uint256 agentId = agents_[i].agentId;
            uint256 fees = agents_[i].fees;
            address creator = agents.creatorOf(agentId);
            if (creator == address(0)) revert FeeRouterUnknownAgent(agentId);
            uint256 creatorShare = fees * splits_.agentCreator / BPS;
            if (creatorShare != 0) token.safeTransfer(creator, creatorShare);
            uint256 stakersShare = fees * splits_.stakers / BPS;
            if (stakersShare != 0) staking.notifyReward(agentId, stakersShare);
        }
    }

    function _setSplits(Splits memory splits_) private {
        uint256 sum = uint256(splits_.contributors) + splits_.agentCreator + splits_.adapterCreators
            + splits_.stakers + splits_.treasury;
        if (sum != BPS) revert FeeRouterInvalidSplits(sum);
        _splits = splits_;
        emit SplitsSet(splits_);
    }

    function _setSettler(address newSettler) private {
        address previous = _settler;
        _settler = newSettler;
        emit SettlerChanged(previous, newSettler);
    }
}
