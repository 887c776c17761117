// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {AccessControl} from "@openzeppelin/contracts/access/AccessControl.sol";
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
/// @notice Holds callers' prepaid OPEN and settles metered fees in epochs that no one has to trust.
///
/// Bounded charges. A payer authorises, on-chain, how much settlement may charge it per period
/// ({authorizeCharges}); without an authorisation its deposit cannot be charged at all, and no charge takes it
/// past its cap within a period. Changing the cap never resets what the current period has used.
///
/// Bonded settlers and a dispute window. Settlers are accounts the admin (the treasury Safe) grants
/// `SETTLER_ROLE`; each posts epochs only while its bond ({depositBond}) is at least `minSettlerBond`. At most
/// one epoch is pending at a time. {postEpoch} debits the charges into escrow and records the epoch's receipts
/// root, its payouts root and a hash of how its fees are routed; nothing is paid out yet. After
/// `disputeWindow` seconds anyone may {finalizeEpoch}, which pays the parties; within the window
/// `VETO_ROLE` (the Safe) may {vetoEpoch}: the epoch is dropped, its charges become refundable to their payers
/// ({refundCharges}) and the settler's bond may be slashed.
///
/// Per-epoch payouts. Each final epoch has its own payouts root over `[address account, uint256 amount]` (an
/// OpenZeppelin StandardMerkleTree, leaf `keccak256(bytes.concat(keccak256(abi.encode(account, amount))))`)
/// and its own funded amount; a claim names its epoch and claims against that epoch's funds only. So no later
/// epoch can touch what an earlier final epoch made claimable.
///
/// Routing, per agent with `fees` its fees of the epoch and `bps` the splits when the epoch was posted:
/// - agent creator: `⌊fees × agentCreator / 10000⌋`, transferred to `agents.creatorOf(agentId)`;
/// - stakers: `⌊fees × stakers / 10000⌋`, approved to and pulled by `staking.notifyReward(agentId, share)`;
/// - adapter creators: the pool `Σ ⌊fees × adapterCreators / 10000⌋` must equal `Σ adapterCreators[].amount`;
/// - contributors: the pool `Σ ⌊fees × contributors / 10000⌋`; `contributorsPaid` (≤ pool) funds the epoch's
///   payouts root;
/// - treasury: everything else (its share, the contributors' unpaid part, rounding dust) in one transfer.
/// So `Σ transfers + contributorsPaid == Σ charges` exactly, to the wei.
///
/// Powers are roles held by the treasury Safe: `DEFAULT_ADMIN_ROLE` (grants every role, so appoints and
/// removes settlers), `PARAMETERS_ROLE` (splits, dispute window, minimum bond) and `VETO_ROLE`.
/// @dev Each guard that ends in `// protection: <name>` is one line the mutation check
/// (packages/chain/src/contracts/attacks) switches off in a test-only build, where one of the named attacks
/// must then succeed: keep each such guard, its role checks included, on a single line.
contract FeeRouter is AccessControl, ReentrancyGuardTransient {
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

    /// @notice What a payer lets settlement charge it: at most `perPeriod` every `period` seconds.
    struct ChargeCap {
        uint128 perPeriod;
        uint64 period;
    }

    /// @notice How much of its cap a payer has used in the period that started at `periodStart`.
    struct ChargeUsage {
        uint128 spent;
        uint64 periodStart;
    }

    enum EpochStatus {
        None,
        Pending,
        Final,
        Vetoed,
        Refunded
    }

    /// @notice A posted epoch: its roots, its contributors' funding and claims, and its status.
    struct EpochRecord {
        bytes32 receiptsRoot;
        bytes32 payoutsRoot;
        uint120 contributorsFunded;
        uint120 contributorsClaimed;
        EpochStatus status;
    }

    /// @notice The epoch waiting for its dispute window (epoch 0: none).
    struct PendingEpoch {
        uint64 epoch;
        uint64 postedAt;
        uint64 finalizesAt;
        address settler;
        Splits splits;
        uint256 charged;
        uint256 contributorsPaid;
        /// keccak256(abi.encode(charges)): what {refundCharges} gives back after a veto.
        bytes32 chargesHash;
        /// keccak256(abi.encode(agents, adapterCreators)): what {finalizeEpoch} pays.
        bytes32 routingHash;
    }

    /// @notice What a vetoed epoch's refund needs: the hash of its charges and when they were counted.
    struct VetoedEpoch {
        bytes32 chargesHash;
        uint64 postedAt;
    }

    /// @notice One epoch's part of a claim: the amount in that epoch's payouts tree and its proof.
    struct EpochClaim {
        uint64 epoch;
        uint256 amount;
        bytes32[] proof;
    }

    struct Totals {
        uint256 creators;
        uint256 stakers;
        uint256 adapterPool;
        uint256 contributorPool;
    }

    bytes32 public constant PARAMETERS_ROLE = keccak256("PARAMETERS_ROLE");
    bytes32 public constant VETO_ROLE = keccak256("VETO_ROLE");
    bytes32 public constant SETTLER_ROLE = keccak256("SETTLER_ROLE");

    uint256 private constant BPS = 10_000;
    /// @notice The longest dispute window and charge period the contract accepts.
    uint64 public constant MAX_PERIOD = 365 days;

    /// @notice The token fees are paid in (OPEN).
    IERC20 public immutable token;
    /// @notice Receives the treasury's share, the undistributed remainder and slashed bonds (the treasury Safe).
    address public immutable treasury;
    /// @notice AgentRegistry: who created an agent.
    IAgentFees public immutable agents;
    /// @notice AgentStaking: where stakers' shares go.
    IStakerRewards public immutable staking;
    /// @notice Seconds between requesting a withdrawal and being able to withdraw.
    uint64 public immutable withdrawalDelay;

    Splits private _splits;
    uint64 private _disputeWindow;
    uint64 private _lastEpoch;
    uint256 private _minSettlerBond;
    PendingEpoch private _pending;

    mapping(address account => uint256) private _balances;
    mapping(address account => Withdrawal) private _withdrawals;
    mapping(address payer => ChargeCap) private _caps;
    mapping(address payer => ChargeUsage) private _usage;
    mapping(address settler => uint256) private _bonds;
    mapping(uint64 epoch => EpochRecord) private _epochs;
    mapping(uint64 epoch => mapping(address account => bool)) private _claimed;
    mapping(uint64 epoch => VetoedEpoch) private _vetoed;

    event Deposited(address indexed from, address indexed account, uint256 amount);
    event WithdrawalRequested(address indexed account, uint256 amount, uint64 unlocksAt);
    event Withdrawn(address indexed account, uint256 amount);
    event ChargesAuthorized(address indexed payer, uint128 perPeriod, uint64 period);
    event SplitsSet(Splits splits);
    event DisputeWindowSet(uint64 disputeWindow);
    event MinSettlerBondSet(uint256 minSettlerBond);
    event BondDeposited(address indexed settler, uint256 amount);
    event BondWithdrawn(address indexed settler, uint256 amount);
    event EpochPosted(
        uint64 indexed epoch,
        address indexed settler,
        bytes32 receiptsRoot,
        bytes32 payoutsRoot,
        uint256 totalCharged,
        uint256 contributorsPaid,
        uint64 finalizesAt
    );
    event EpochFinalized(uint64 indexed epoch);
    event EpochVetoed(uint64 indexed epoch, address indexed settler, uint256 slashed);
    event ChargesRefunded(uint64 indexed epoch, uint256 total);
    event Claimed(uint64 indexed epoch, address indexed account, uint256 amount);

    error FeeRouterInvalidConfig();
    error FeeRouterZeroAmount();
    error FeeRouterInvalidSplits(uint256 sum);
    error FeeRouterInvalidPeriod(uint64 period);
    error FeeRouterUnexpectedEpoch(uint64 expected, uint64 got);
    error FeeRouterEpochPending(uint64 pending);
    error FeeRouterNotPending(uint64 epoch);
    error FeeRouterDisputeWindowOpen(uint64 epoch, uint64 finalizesAt);
    error FeeRouterDisputeWindowClosed(uint64 epoch, uint64 finalizesAt);
    error FeeRouterEmptyReceiptsRoot();
    error FeeRouterBondTooLow(address settler, uint256 bond, uint256 minimum);
    error FeeRouterBondLocked(address settler, uint64 pendingEpoch);
    error FeeRouterChargesNotSorted(uint256 index);
    error FeeRouterChargeNotAuthorized(address payer);
    error FeeRouterChargeAboveCap(address payer, uint256 available, uint256 amount);
    error FeeRouterInsufficientBalance(address account, uint256 balance, uint256 needed);
    error FeeRouterUnbalancedSettlement(uint256 charged, uint256 agentFees);
    error FeeRouterUnbalancedAdapterFees(uint256 pool, uint256 paid);
    error FeeRouterContributorsOverpaid(uint256 pool, uint256 paid);
    error FeeRouterUnknownAgent(uint256 agentId);
    error FeeRouterRoutingMismatch(uint64 epoch);
    error FeeRouterNotRefundable(uint64 epoch);
    error FeeRouterChargesMismatch(uint64 epoch);
    error FeeRouterWithdrawalLocked(address account, uint256 requested, uint64 unlocksAt);
    error FeeRouterEpochNotFinal(uint64 epoch);
    error FeeRouterInvalidProof(uint64 epoch, address account, uint256 amount);
    error FeeRouterAlreadyClaimed(uint64 epoch, address account);
    error FeeRouterUnderfunded(uint64 epoch, uint256 available, uint256 needed);

    /// @notice Parameters the Safe can change later (`PARAMETERS_ROLE`).
    struct Parameters {
        Splits splits;
        uint64 disputeWindow;
        uint256 minSettlerBond;
    }

    /// @dev The treasury Safe holds every role; `settler_` is the first settler it appoints (it still has to
    /// bond before posting). Requirements: no zero addresses; `splits` sum to 10,000; a window in 1..MAX_PERIOD.
    constructor(
        IERC20 token_,
        address treasury_,
        IAgentFees agents_,
        IStakerRewards staking_,
        address settler_,
        Parameters memory parameters_,
        uint64 withdrawalDelay_
    ) {
        if (
            address(token_) == address(0) || treasury_ == address(0) || address(agents_) == address(0)
                || address(staking_) == address(0) || settler_ == address(0)
        ) revert FeeRouterInvalidConfig();
        token = token_;
        treasury = treasury_;
        agents = agents_;
        staking = staking_;
        withdrawalDelay = withdrawalDelay_;
        _grantRole(DEFAULT_ADMIN_ROLE, treasury_);
        _grantRole(PARAMETERS_ROLE, treasury_);
        _grantRole(VETO_ROLE, treasury_);
        _grantRole(SETTLER_ROLE, settler_);
        _setSplits(parameters_.splits);
        _setDisputeWindow(parameters_.disputeWindow);
        _setMinSettlerBond(parameters_.minSettlerBond);
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

    /// @notice Lets settlement charge the caller at most `perPeriod` every `period` seconds (block time); a
    /// `perPeriod` of zero withdraws the authorisation. What the current period has used stays used.
    /// Emits a {ChargesAuthorized} event.
    /// Requirements: `period` in 1..MAX_PERIOD unless `perPeriod` is zero.
    function authorizeCharges(uint128 perPeriod, uint64 period) external {
        if (perPeriod != 0 && (period == 0 || period > MAX_PERIOD)) revert FeeRouterInvalidPeriod(period);
        _caps[msg.sender] = ChargeCap(perPeriod, period);
        emit ChargesAuthorized(msg.sender, perPeriod, period);
    }

    /// @notice Asks to withdraw `amount` of the caller's balance after `withdrawalDelay`; replaces any earlier
    /// request and restarts the delay. The balance stays chargeable meanwhile.
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

    /// @notice Withdraws `amount` of the caller's balance: at most what was requested at least
    /// `withdrawalDelay` ago, and at most what charges left.
    /// Emits a {Withdrawn} event.
    /// Requirements: `amount` is not zero, at most the unlocked request and at most the balance.
    function withdraw(uint256 amount) external nonReentrant {
        if (amount == 0) revert FeeRouterZeroAmount();
        Withdrawal storage request = _withdrawals[msg.sender];
        if (amount > request.amount || block.timestamp < request.unlocksAt) revert FeeRouterWithdrawalLocked(msg.sender, request.amount, request.unlocksAt); // protection: withdrawal-delay
        uint256 balance = _balances[msg.sender];
        if (amount > balance) revert FeeRouterInsufficientBalance(msg.sender, balance, amount); // protection: withdraw-balance
        // Both subtractions were just checked to stay non-negative.
        unchecked {
            _balances[msg.sender] = balance - amount;
            request.amount -= amount;
        }
        emit Withdrawn(msg.sender, amount);
        token.safeTransfer(msg.sender, amount);
    }

    // ---------------------------------------------------------------- settlers' bonds

    /// @notice Adds `amount` of the caller's OPEN to its settler bond (approve this contract first).
    /// Emits a {BondDeposited} event. Requirements: `amount` is not zero.
    function depositBond(uint256 amount) external nonReentrant {
        if (amount == 0) revert FeeRouterZeroAmount();
        _bonds[msg.sender] += amount;
        emit BondDeposited(msg.sender, amount);
        token.safeTransferFrom(msg.sender, address(this), amount);
    }

    /// @notice Takes `amount` of the caller's bond back.
    /// Emits a {BondWithdrawn} event.
    /// Requirements: `amount` is not zero and at most the bond; no epoch the caller posted is pending.
    function withdrawBond(uint256 amount) external nonReentrant {
        if (amount == 0) revert FeeRouterZeroAmount();
        if (_pending.epoch != 0 && _pending.settler == msg.sender) revert FeeRouterBondLocked(msg.sender, _pending.epoch); // protection: bond-locked
        uint256 bond = _bonds[msg.sender];
        if (amount > bond) revert FeeRouterInsufficientBalance(msg.sender, bond, amount); // protection: bond-balance
        unchecked {
            _bonds[msg.sender] = bond - amount;
        }
        emit BondWithdrawn(msg.sender, amount);
        token.safeTransfer(msg.sender, amount);
    }

    // ---------------------------------------------------------------- administration

    /// @notice Sets the fee splits, in basis points; a pending epoch keeps the splits it was posted under.
    /// Emits a {SplitsSet} event. Requirements: the caller holds `PARAMETERS_ROLE`; the shares sum to 10,000.
    function setSplits(Splits calldata splits_) external {
        _checkRole(PARAMETERS_ROLE); // protection: splits-role
        _setSplits(splits_);
    }

    /// @notice Sets the dispute window for epochs posted from now on, in seconds.
    /// Emits a {DisputeWindowSet} event. Requirements: the caller holds `PARAMETERS_ROLE`; 1..MAX_PERIOD.
    function setDisputeWindow(uint64 disputeWindow_) external {
        _checkRole(PARAMETERS_ROLE); // protection: window-role
        _setDisputeWindow(disputeWindow_);
    }

    /// @notice Sets the bond a settler must hold to post an epoch.
    /// Emits a {MinSettlerBondSet} event. Requirements: the caller holds `PARAMETERS_ROLE`.
    function setMinSettlerBond(uint256 minSettlerBond_) external {
        _checkRole(PARAMETERS_ROLE); // protection: bond-role
        _setMinSettlerBond(minSettlerBond_);
    }

    // ---------------------------------------------------------------- epochs

    /// @notice Posts epoch `epoch`: debits `charges` from prepaid balances into escrow, within each payer's
    /// authorised cap, and opens its dispute window. Nothing is paid until {finalizeEpoch}.
    /// @param contributorsPaid What the epoch's payouts tree pays contributors in total.
    /// Emits an {EpochPosted} event.
    /// Requirements:
    /// - the caller holds `SETTLER_ROLE` with a bond of at least `minSettlerBond`; no epoch is pending;
    /// - `epoch` is the last posted epoch + 1 (epochs start at 1); `receiptsRoot` is not zero;
    /// - `charges` are sorted by payer, strictly ascending; each is authorised, within the payer's cap for the
    ///   current period and within its balance;
    /// - `Σ agents_.fees == Σ charges.amount`; every agent has a creator; `Σ adapterCreators.amount` equals the
    ///   adapter creators' pool; `contributorsPaid` is at most the contributors' pool.
    function postEpoch(
        uint64 epoch,
        bytes32 receiptsRoot,
        bytes32 payoutsRoot_,
        Charge[] calldata charges,
        AgentFees[] calldata agents_,
        AdapterCreatorFees[] calldata adapterCreators,
        uint256 contributorsPaid
    ) external nonReentrant {
        _checkRole(SETTLER_ROLE); // protection: settler-role
        _checkCanPost(epoch, receiptsRoot);
        Splits memory splits_ = _splits;
        uint256 charged = _debit(charges);
        _checkRouting(charged, splits_, agents_, adapterCreators, contributorsPaid);
        SafeCast.toUint120(charged); // contributorsPaid ≤ charged < 2^120: finalising's cast cannot truncate
        _lastEpoch = epoch;
        _epochs[epoch] = EpochRecord(receiptsRoot, payoutsRoot_, 0, 0, EpochStatus.Pending);
        uint64 finalizesAt = _openDispute(epoch, splits_, charged, contributorsPaid, charges, agents_, adapterCreators);
        emit EpochPosted(epoch, msg.sender, receiptsRoot, payoutsRoot_, charged, contributorsPaid, finalizesAt);
    }

    /// @notice Makes the pending epoch final once its dispute window has passed and pays its parties: creators,
    /// stakers, adapter creators and the treasury now; contributors by {claim} against its payouts root.
    /// Anyone may call it, with the `agents_` and `adapterCreators` the epoch was posted with.
    /// Emits an {EpochFinalized} event.
    /// Requirements: `epoch` is pending; its window has passed; the routing matches what was posted.
    function finalizeEpoch(uint64 epoch, AgentFees[] calldata agents_, AdapterCreatorFees[] calldata adapterCreators)
        external
        nonReentrant
    {
        PendingEpoch memory p = _pending;
        if (p.epoch == 0 || p.epoch != epoch) revert FeeRouterNotPending(epoch); // protection: finalize-pending
        if (block.timestamp < p.finalizesAt) revert FeeRouterDisputeWindowOpen(epoch, p.finalizesAt); // protection: window
        if (keccak256(abi.encode(agents_, adapterCreators)) != p.routingHash) revert FeeRouterRoutingMismatch(epoch); // protection: routing-hash

        EpochRecord storage record = _epochs[epoch];
        record.status = EpochStatus.Final;
        record.contributorsFunded = uint120(p.contributorsPaid);
        delete _pending;
        emit EpochFinalized(epoch);
        _pay(p, agents_, adapterCreators);
    }

    /// @notice Vetoes the pending epoch within its dispute window: it will never pay anything, its charges
    /// become refundable ({refundCharges}) and up to `slash` of its settler's bond goes to the treasury.
    /// Emits an {EpochVetoed} event.
    /// Requirements: the caller holds `VETO_ROLE`; `epoch` is pending; its window has not passed.
    function vetoEpoch(uint64 epoch, uint256 slash) external nonReentrant {
        _checkRole(VETO_ROLE); // protection: veto-role
        PendingEpoch memory p = _pending;
        if (p.epoch == 0 || p.epoch != epoch) revert FeeRouterNotPending(epoch); // protection: veto-pending
        if (block.timestamp >= p.finalizesAt) revert FeeRouterDisputeWindowClosed(epoch, p.finalizesAt); // protection: veto-window
        uint256 bond = _bonds[p.settler];
        uint256 slashed = slash < bond ? slash : bond;
        _bonds[p.settler] = bond - slashed;
        _epochs[epoch].status = EpochStatus.Vetoed;
        _vetoed[epoch] = VetoedEpoch(p.chargesHash, p.postedAt);
        delete _pending;
        emit EpochVetoed(epoch, p.settler, slashed);
        if (slashed != 0) token.safeTransfer(treasury, slashed);
    }

    /// @notice Gives a vetoed epoch's charges back to their payers, balances and caps alike. Anyone may call
    /// it, with the charges the epoch was posted with; it works once per epoch.
    /// Emits a {ChargesRefunded} event.
    /// Requirements: `epoch` was vetoed and not refunded; `charges` are those it was posted with.
    function refundCharges(uint64 epoch, Charge[] calldata charges) external nonReentrant {
        EpochRecord storage record = _epochs[epoch];
        if (record.status != EpochStatus.Vetoed) revert FeeRouterNotRefundable(epoch); // protection: refund-once
        VetoedEpoch memory vetoed = _vetoed[epoch];
        if (keccak256(abi.encode(charges)) != vetoed.chargesHash) revert FeeRouterChargesMismatch(epoch); // protection: refund-charges
        record.status = EpochStatus.Refunded;
        uint256 total;
        for (uint256 i = 0; i < charges.length; ++i) {
            Charge calldata c = charges[i];
            _balances[c.payer] += c.amount;
            // The cap is given back only in the period the charge was counted in: a later period started
            // afresh, and giving it back there would let that period charge more than the cap.
            ChargeUsage storage usage = _usage[c.payer];
            if (usage.periodStart <= vetoed.postedAt) {
                uint128 amount = uint128(c.amount); // it was counted within a uint128 cap
                usage.spent = usage.spent > amount ? usage.spent - amount : 0;
            }
            total += c.amount;
        }
        emit ChargesRefunded(epoch, total);
    }

    // ---------------------------------------------------------------- claims

    /// @notice Pays `account` its amount in final epoch `epoch`, proven by `proof` against that epoch's payouts
    /// root. Anyone may claim on an account's behalf; the OPEN goes to the account.
    /// Emits a {Claimed} event.
    /// Requirements: `epoch` is final; the proof is valid; `account` has not claimed `epoch`; the epoch's
    /// funded contributors' total covers it.
    function claim(uint64 epoch, address account, uint256 amount, bytes32[] calldata proof) external nonReentrant {
        _claim(epoch, account, amount, proof);
        token.safeTransfer(account, amount);
    }

    /// @notice Pays `account` its amounts in several final epochs in one transfer; see {claim}.
    /// Emits one {Claimed} event per epoch.
    function claimMany(address account, EpochClaim[] calldata claims) external nonReentrant {
        uint256 total;
        for (uint256 i = 0; i < claims.length; ++i) {
            _claim(claims[i].epoch, account, claims[i].amount, claims[i].proof);
            total += claims[i].amount;
        }
        if (total == 0) revert FeeRouterZeroAmount();
        token.safeTransfer(account, total);
    }

    // ---------------------------------------------------------------- views

    /// @notice `account`'s prepaid balance, pending withdrawal included, charges of a pending epoch excluded.
    function balanceOf(address account) external view returns (uint256) {
        return _balances[account];
    }

    /// @notice `account`'s pending withdrawal request: its amount and when it unlocks.
    function withdrawalOf(address account) external view returns (Withdrawal memory) {
        return _withdrawals[account];
    }

    /// @notice What `payer` authorised, and how much of it the current period has used.
    function chargeCapOf(address payer) external view returns (ChargeCap memory cap, ChargeUsage memory usage) {
        return (_caps[payer], _usage[payer]);
    }

    /// @notice How much settlement may charge `payer` now: what is left of its cap in the current period
    /// (the whole cap once the period has rolled over), capped by its balance.
    function chargeableOf(address payer) external view returns (uint256) {
        uint256 left = _capLeft(payer);
        uint256 balance = _balances[payer];
        return left < balance ? left : balance;
    }

    /// @notice A settler's bond.
    function bondOf(address settler) external view returns (uint256) {
        return _bonds[settler];
    }

    /// @notice The current fee splits, in basis points.
    function splits() external view returns (Splits memory) {
        return _splits;
    }

    /// @notice Seconds an epoch stays pending before anyone may finalise it.
    function disputeWindow() external view returns (uint64) {
        return _disputeWindow;
    }

    /// @notice The bond a settler must hold to post an epoch.
    function minSettlerBond() external view returns (uint256) {
        return _minSettlerBond;
    }

    /// @notice The last posted epoch, vetoed or not (0 before the first).
    function lastEpoch() external view returns (uint64) {
        return _lastEpoch;
    }

    /// @notice The pending epoch (its `epoch` is 0 when none is pending).
    function pendingEpoch() external view returns (PendingEpoch memory) {
        return _pending;
    }

    /// @notice A posted epoch's record (status None for one never posted).
    function epochOf(uint64 epoch) external view returns (EpochRecord memory) {
        return _epochs[epoch];
    }

    /// @notice The receipts root of a final epoch (zero for any other: pending, vetoed or never posted).
    function receiptsRootOf(uint64 epoch) external view returns (bytes32) {
        EpochRecord storage record = _epochs[epoch];
        return record.status == EpochStatus.Final ? record.receiptsRoot : bytes32(0);
    }

    /// @notice Whether `account` has claimed its amount in `epoch`.
    function isClaimed(uint64 epoch, address account) external view returns (bool) {
        return _claimed[epoch][account];
    }

    // ---------------------------------------------------------------- internals

    /// @dev The caller may post `epoch` now: bonded enough, nothing pending, the next number, a receipts root.
    function _checkCanPost(uint64 epoch, bytes32 receiptsRoot) private view {
        uint256 bond = _bonds[msg.sender];
        if (bond < _minSettlerBond) revert FeeRouterBondTooLow(msg.sender, bond, _minSettlerBond); // protection: bond
        if (_pending.epoch != 0) revert FeeRouterEpochPending(_pending.epoch); // protection: one-pending
        uint64 expected = _lastEpoch + 1;
        if (epoch != expected) revert FeeRouterUnexpectedEpoch(expected, epoch);
        if (receiptsRoot == bytes32(0)) revert FeeRouterEmptyReceiptsRoot();
    }

    /// @dev Makes `epoch` the pending one, its window starting now; returns when the window closes.
    function _openDispute(
        uint64 epoch,
        Splits memory splits_,
        uint256 charged,
        uint256 contributorsPaid,
        Charge[] calldata charges,
        AgentFees[] calldata agents_,
        AdapterCreatorFees[] calldata adapterCreators
    ) private returns (uint64 finalizesAt) {
        finalizesAt = uint64(block.timestamp) + _disputeWindow;
        _pending = PendingEpoch({
            epoch: epoch,
            postedAt: uint64(block.timestamp),
            finalizesAt: finalizesAt,
            settler: msg.sender,
            splits: splits_,
            charged: charged,
            contributorsPaid: contributorsPaid,
            chargesHash: keccak256(abi.encode(charges)),
            routingHash: keccak256(abi.encode(agents_, adapterCreators))
        });
    }

    function _deposit(address account, uint256 amount) private {
        if (amount == 0) revert FeeRouterZeroAmount();
        _balances[account] += amount;
        emit Deposited(msg.sender, account, amount);
        token.safeTransferFrom(msg.sender, address(this), amount);
    }

    /// @dev Debits each charge within its payer's cap and balance; returns their total.
    function _debit(Charge[] calldata charges) private returns (uint256 charged) {
        address previous;
        for (uint256 i = 0; i < charges.length; ++i) {
            address payer = charges[i].payer;
            uint256 amount = charges[i].amount;
            if (payer <= previous) revert FeeRouterChargesNotSorted(i);
            previous = payer;
            _useCap(payer, amount);
            uint256 balance = _balances[payer];
            if (amount > balance) revert FeeRouterInsufficientBalance(payer, balance, amount); // protection: charge-balance
            // Checked just above: amount ≤ balance.
            unchecked {
                _balances[payer] = balance - amount;
            }
            charged += amount;
        }
    }

    /// @dev Counts `amount` against `payer`'s cap, starting a new period when the last one has passed.
    function _useCap(address payer, uint256 amount) private {
        ChargeCap memory cap = _caps[payer];
        if (cap.perPeriod == 0) revert FeeRouterChargeNotAuthorized(payer); // protection: authorization
        ChargeUsage memory usage = _usage[payer];
        if (block.timestamp >= uint256(usage.periodStart) + cap.period) {
            usage = ChargeUsage(0, uint64(block.timestamp));
        }
        // A cap lowered below what the period has used leaves nothing.
        uint256 left = cap.perPeriod > usage.spent ? cap.perPeriod - usage.spent : 0;
        if (amount > left) revert FeeRouterChargeAboveCap(payer, left, amount); // protection: cap
        usage.spent += uint128(amount);
        _usage[payer] = usage;
    }

    function _capLeft(address payer) private view returns (uint256) {
        ChargeCap memory cap = _caps[payer];
        ChargeUsage memory usage = _usage[payer];
        if (block.timestamp >= uint256(usage.periodStart) + cap.period) return cap.perPeriod;
        return cap.perPeriod > usage.spent ? cap.perPeriod - usage.spent : 0;
    }

    /// @dev Checks that the routing balances against `charged` under `splits_` and names only known agents.
    function _checkRouting(
        uint256 charged,
        Splits memory splits_,
        AgentFees[] calldata agents_,
        AdapterCreatorFees[] calldata adapterCreators,
        uint256 contributorsPaid
    ) private view {
        Totals memory t = _totalsOf(splits_, agents_);
        uint256 agentFees;
        for (uint256 i = 0; i < agents_.length; ++i) {
            agentFees += agents_[i].fees;
            if (agents.creatorOf(agents_[i].agentId) == address(0)) revert FeeRouterUnknownAgent(agents_[i].agentId);
        }
        if (agentFees != charged) revert FeeRouterUnbalancedSettlement(charged, agentFees);
        uint256 adapterPaid;
        for (uint256 i = 0; i < adapterCreators.length; ++i) {
            if (adapterCreators[i].creator == address(0)) revert FeeRouterInvalidConfig();
            adapterPaid += adapterCreators[i].amount;
        }
        if (adapterPaid != t.adapterPool) revert FeeRouterUnbalancedAdapterFees(t.adapterPool, adapterPaid);
        if (contributorsPaid > t.contributorPool) revert FeeRouterContributorsOverpaid(t.contributorPool, contributorsPaid);
    }

    function _totalsOf(Splits memory splits_, AgentFees[] calldata agents_) private pure returns (Totals memory t) {
        for (uint256 i = 0; i < agents_.length; ++i) {
            uint256 fees = agents_[i].fees;
            t.creators += fees * splits_.agentCreator / BPS;
            t.stakers += fees * splits_.stakers / BPS;
            t.adapterPool += fees * splits_.adapterCreators / BPS;
            t.contributorPool += fees * splits_.contributors / BPS;
        }
    }

    /// @dev Pays a finalised epoch's parties: each agent's creator and stakers (AgentStaking pulls the stakers'
    /// total, approved once), the adapter creators, and the treasury everything else.
    function _pay(PendingEpoch memory p, AgentFees[] calldata agents_, AdapterCreatorFees[] calldata adapterCreators)
        private
    {
        Totals memory t = _totalsOf(p.splits, agents_);
        if (t.stakers != 0) token.forceApprove(address(staking), t.stakers);
        for (uint256 i = 0; i < agents_.length; ++i) {
            uint256 fees = agents_[i].fees;
            uint256 creatorShare = fees * p.splits.agentCreator / BPS;
            if (creatorShare != 0) token.safeTransfer(agents.creatorOf(agents_[i].agentId), creatorShare);
            uint256 stakersShare = fees * p.splits.stakers / BPS;
            if (stakersShare != 0) staking.notifyReward(agents_[i].agentId, stakersShare);
        }
        for (uint256 i = 0; i < adapterCreators.length; ++i) {
            AdapterCreatorFees calldata payee = adapterCreators[i];
            if (payee.amount != 0) token.safeTransfer(payee.creator, payee.amount);
        }
        // postEpoch checked: each share is a floor of fees × bps / 10000 with the bps summing to 10000, the
        // adapter creators' payees sum to their pool and contributorsPaid is at most its pool.
        uint256 rest = p.charged - t.creators - t.stakers - t.adapterPool - p.contributorsPaid;
        if (rest != 0) token.safeTransfer(treasury, rest);
    }

    /// @dev Marks `account`'s claim of `epoch` after checking the epoch, the proof and the epoch's funds.
    function _claim(uint64 epoch, address account, uint256 amount, bytes32[] calldata proof) private {
        if (amount == 0) revert FeeRouterZeroAmount();
        EpochRecord storage record = _epochs[epoch];
        if (record.status != EpochStatus.Final) revert FeeRouterEpochNotFinal(epoch);
        bytes32 leaf = keccak256(bytes.concat(keccak256(abi.encode(account, amount))));
        if (!MerkleProof.verifyCalldata(proof, record.payoutsRoot, leaf)) revert FeeRouterInvalidProof(epoch, account, amount); // protection: claim-proof
        if (_claimed[epoch][account]) revert FeeRouterAlreadyClaimed(epoch, account); // protection: claim-once
        uint256 available = record.contributorsFunded - record.contributorsClaimed;
        if (amount > available) revert FeeRouterUnderfunded(epoch, available, amount); // protection: epoch-funds
        _claimed[epoch][account] = true;
        // amount ≤ available, and claimed + amount ≤ funded < 2^120.
        record.contributorsClaimed += uint120(amount);
        emit Claimed(epoch, account, amount);
    }

    function _setSplits(Splits memory splits_) private {
        uint256 sum = uint256(splits_.contributors) + splits_.agentCreator + splits_.adapterCreators
            + splits_.stakers + splits_.treasury;
        if (sum != BPS) revert FeeRouterInvalidSplits(sum);
        _splits = splits_;
        emit SplitsSet(splits_);
    }

    function _setDisputeWindow(uint64 disputeWindow_) private {
        if (disputeWindow_ == 0 || disputeWindow_ > MAX_PERIOD) revert FeeRouterInvalidPeriod(disputeWindow_);
        _disputeWindow = disputeWindow_;
        emit DisputeWindowSet(disputeWindow_);
    }

    function _setMinSettlerBond(uint256 minSettlerBond_) private {
        _minSettlerBond = minSettlerBond_;
        emit MinSettlerBondSet(minSettlerBond_);
    }
}
