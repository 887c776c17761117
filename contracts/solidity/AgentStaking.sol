// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {AccessControl} from "@openzeppelin/contracts/access/AccessControl.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {Math} from "@openzeppelin/contracts/utils/math/Math.sol";
import {SafeCast} from "@openzeppelin/contracts/utils/math/SafeCast.sol";
import {ReentrancyGuardTransient} from "@openzeppelin/contracts/utils/ReentrancyGuardTransient.sol";
import {AgentRegistry} from "./AgentRegistry.sol";

/// @title AgentStaking
/// @notice Stake OPEN on agents of the {AgentRegistry}; earn the agent's fee rewards; get slashed when a challenge
/// against the agent is upheld by the treasury Safe.
///
/// Powers are AccessControl roles, all held by the treasury Safe once deployed: `DEFAULT_ADMIN_ROLE` (grants and
/// revokes every role), `PARAMETERS_ROLE` ({setParams}, {setFeeRouter}) and `CHALLENGE_RESOLVER_ROLE`
/// ({resolveChallenge}, {unjail}). Token governance can later take one of them by a role grant.
///
/// Positions are shares of two pools per agent, ACTIVE and UNBONDING, each `{tokens, shares}`. A position is worth
/// `shares * pool.tokens / pool.shares`, rounded down. A slash of `bps` scales both pools' tokens to
/// `floor(tokens * (10000 - bps) / 10000)` and leaves share counts alone, so it costs O(1) however many stakers
/// there are, and every position, unbonding stake included, loses `bps` of its value.
///
/// Rounding, always in favour of the pool (never of the caller):
/// - a slash takes `tokens - floor(tokens * (10000 - bps) / 10000)` from each pool; when every position's value
///   times `(10000 - bps)` divides by 10000 (e.g. multiples of 5 wei at 20%) each loses exactly `bps`, otherwise
///   a position loses at most 1 wei more than `bps` of it. The unassigned wei (sum of positions' floors below the
///   pool's tokens) stay in the pool and go to whoever holds its last shares.
/// - staking mints `floor(amount * (shares + 1) / (tokens + 1))` shares: exactly `amount` while the pool was never
///   slashed, fewer after a slash; the +1 keeps a pool slashed to zero tokens usable (its old shares keep ~0 value).
/// - unstaking `amount` tokens burns `ceil(amount * shares / tokens)` active shares (all of them when `amount` is
///   the whole position) and mints unbonding shares as for staking.
/// - a slash of 10000 bps (or one that leaves a pool of a few wei at 0) wipes a pool out: its shares stay but are
///   worth nothing. An agent whose active pool is wiped out takes no new stake ({AgentStakingPoolWipedOut}) and
///   its rewards go to the treasury: register a new agent instead. Near-total slashes inflate shares per token;
///   should a pool's share count outgrow uint128 (about 1e11 times the OPEN supply), stake and unstake revert
///   (SafeCast) while withdrawals keep working.
/// - rewards: `rewardPerShare += floor(amount * 1e27 / earningShares)`; a position accrues
///   `floor(activeShares * rewardPerShare / 1e27) - rewardDebt`. A change of active shares keeps what accrued by
///   resetting `rewardDebt` to `ceil(newShares * rewardPerShare / 1e27) - owed` (it may go negative): rounding
///   up there costs the position at most 1 wei per change (its owed amount may dip below zero until rewards
///   cover it, and is never paid below zero), where a floor would have credited new shares with wei nobody paid
///   in. So the rewards owed never exceed the rewards received; the wei lost to these roundings stay in the
///   contract, undistributed.
///
/// Rewards are checkpointed by reward round: each {notifyReward} to an agent closes one round. Stake added
/// during a round is *warming*: it counts for the agent's stake and minimums and is slashable, but earns
/// nothing from the notification that closes its round; it earns from the next round on. So a round's reward
/// goes to the stake that was there for the whole round, never to stake that arrived just before it was paid.
/// Unstaking takes warming shares first. When no earning stake is left, a round's reward goes to the treasury.
///
/// Challenges are bound to their challenger by commit–reveal: {commitChallenge} records
/// `keccak256(abi.encode(challenger, agentId, evidenceHash, salt))`, and {challenge} reveals it in a later block,
/// so copying a pending challenge transaction gains nothing; one piece of evidence opens at most one challenge
/// per agent. Any number of challenges may be open against an agent; each expires {Params-challengePeriod} after
/// it opened (then {expireChallenge} returns its bond) and can no longer be resolved. While a challenge is open
/// and unexpired the agent takes no new stake (so new stake is never slashed for what happened before it came),
/// and unbonded stake cannot leave, but never for longer than `challengePeriod` past its unbonding end.
contract AgentStaking is AccessControl, ReentrancyGuardTransient {
    using SafeERC20 for IERC20;
    using SafeCast for uint256;
    using SafeCast for int256;

    /// @notice May change the staking parameters and the fee router.
    bytes32 public constant PARAMETERS_ROLE = keccak256("PARAMETERS_ROLE");
    /// @notice May resolve challenges (slashing upheld ones) and lift an agent's jail.
    bytes32 public constant CHALLENGE_RESOLVER_ROLE = keccak256("CHALLENGE_RESOLVER_ROLE");

    uint256 private constant BPS = 10_000;
    uint256 private constant REWARD_PRECISION = 1e27;

    /// @param unbondingPeriod Seconds from {requestUnstake} until {withdraw} (at most 365 days).
    /// @param minAgentStake Active stake an agent needs, in total, to be active.
    /// @param minCreatorStake Active stake the agent's creator needs on it for the agent to be active.
    /// @param challengeBond OPEN a challenger puts up (not zero); returned when upheld, forfeited when rejected.
    /// @param challengerRewardBps Share of slashed stake paid to the challenger of an upheld challenge (≤ 10000).
    /// @param challengePeriod Seconds a challenge stays open before it expires unresolved (1 s to 90 days).
    struct Params {
        uint64 unbondingPeriod;
        uint256 minAgentStake;
        uint256 minCreatorStake;
        uint256 challengeBond;
        uint16 challengerRewardBps;
        uint64 challengePeriod;
    }

    struct Pool {
        uint128 tokens;
        uint128 shares;
    }

    /// @dev `warmingShares`: active shares staked during the current reward `round` (they earn from the next).
    /// `openChallenges`: challenges opened and not resolved or expired; `frozenUntil`: the latest expiry of them.
    struct AgentState {
        Pool active;
        Pool unbonding;
        uint256 rewardPerShare;
        bool jailed;
        uint32 openChallenges;
        uint64 frozenUntil;
        uint64 round;
        uint128 warmingShares;
    }

    /// @dev `warmingShares` of `activeShares` were staked in reward round `warmingRound`; once that round has
    /// closed they earn, from the `rewardPerShare` it closed at.
    struct Position {
        uint128 activeShares;
        uint128 unbondingShares;
        int256 rewardDebt;
        uint64 unbondingEnds;
        uint128 warmingShares;
        uint64 warmingRound;
    }

    enum ChallengeStatus {
        None,
        Open,
        Upheld,
        Rejected,
        Expired
    }

    struct Challenge {
        address challenger;
        uint64 openedAt;
        uint64 expiresAt;
        ChallengeStatus status;
        uint16 slashBps;
        uint256 agentId;
        uint256 bond;
        bytes32 evidenceHash;
    }

    /// @param warmingTokens The part of `activeTokens` staked in the current reward round: it earns from the next.
    struct PositionView {
        uint256 activeTokens;
        uint256 unbondingTokens;
        uint64 unbondingEnds;
        uint256 pendingReward;
        uint256 warmingTokens;
    }

    /// @param openChallenges Challenges against the agent neither resolved nor expired (expiry is not awaited:
    /// one past `frozenUntil` no longer holds anything).
    /// @param frozenUntil Until when open challenges hold new stake and withdrawals (the latest expiry).
    struct AgentStakeView {
        uint256 active;
        uint256 unbonding;
        bool jailed;
        uint32 openChallenges;
        uint64 frozenUntil;
        uint64 rewardRound;
    }

    /// @notice The staked token (OPEN).
    IERC20 public immutable token;
    /// @notice The registry whose agents are staked on.
    AgentRegistry public immutable registry;
    /// @notice Where slashed stake, forfeited bonds and rewards nobody can earn go (the treasury Safe).
    address public immutable treasury;
    /// @notice The only account allowed to {notifyReward}.
    address public feeRouter;

    Params private _params;
    uint256 private _challengeCount;
    mapping(uint256 agentId => AgentState) private _agents;
    mapping(uint256 agentId => mapping(address staker => Position)) private _positions;
    mapping(uint256 challengeId => Challenge) private _challenges;
    mapping(uint256 agentId => mapping(uint64 round => uint256)) private _rewardPerShareAt;
    mapping(bytes32 commitment => uint256 blockNumber) private _commitments;
    mapping(uint256 agentId => mapping(bytes32 evidenceHash => uint256 challengeId)) private _evidenceUsed;

    event Staked(uint256 indexed agentId, address indexed staker, uint256 amount, uint256 shares);
    event UnstakeRequested(uint256 indexed agentId, address indexed staker, uint256 amount, uint64 unbondingEnds);
    event StakeWithdrawn(uint256 indexed agentId, address indexed staker, uint256 amount);
    event RewardNotified(uint256 indexed agentId, address indexed from, uint256 amount, bool toTreasury);
    event RewardClaimed(uint256 indexed agentId, address indexed staker, uint256 amount);
    event ChallengeOpened(
        uint256 indexed challengeId,
        uint256 indexed agentId,
        address indexed challenger,
        bytes32 evidenceHash,
        uint256 bond
    );
    event ChallengeUpheld(
        uint256 indexed challengeId, uint256 indexed agentId, uint16 slashBps, uint256 slashed, uint256 challengerReward
    );
    event ChallengeRejected(uint256 indexed challengeId, uint256 indexed agentId, uint256 forfeitedBond);
    event ChallengeCommitted(bytes32 indexed commitment, address indexed by);
    event ChallengeExpired(uint256 indexed challengeId, uint256 indexed agentId, uint256 returnedBond);
    event RewardRoundClosed(uint256 indexed agentId, uint64 round, uint256 rewardPerShare);
    event AgentJailed(uint256 indexed agentId, uint256 indexed challengeId);
    event AgentUnjailed(uint256 indexed agentId);
    event ParamsChanged(Params params);
    event FeeRouterChanged(address indexed previousFeeRouter, address indexed newFeeRouter);

    error AgentStakingZeroAmount();
    error AgentStakingZeroShares(uint256 agentId, uint256 amount);
    error AgentStakingInsufficientStake(uint256 agentId, address staker, uint256 staked, uint256 requested);
    error AgentStakingUnbonding(uint256 agentId, address staker, uint64 unbondingEnds);
    error AgentStakingNothingToWithdraw(uint256 agentId, address staker);
    error AgentStakingWithdrawalFrozen(uint256 agentId, address staker, uint64 frozenUntil);
    error AgentStakingChallengeOpen(uint256 agentId, uint64 frozenUntil);
    error AgentStakingUnknownChallenge(uint256 challengeId);
    error AgentStakingChallengeResolved(uint256 challengeId);
    error AgentStakingChallengeExpired(uint256 challengeId, uint64 expiresAt);
    error AgentStakingChallengeNotExpired(uint256 challengeId, uint64 expiresAt);
    error AgentStakingCommitmentExists(bytes32 commitment);
    error AgentStakingNotCommitted(bytes32 commitment);
    error AgentStakingCommitmentTooRecent(bytes32 commitment, uint256 committedAt);
    error AgentStakingEvidenceUsed(uint256 agentId, bytes32 evidenceHash, uint256 challengeId);
    error AgentStakingInvalidSlash(uint16 slashBps);
    error AgentStakingUnauthorizedFeeRouter(address caller);
    error AgentStakingNotJailed(uint256 agentId);
    error AgentStakingInvalidParams(Params params);
    error AgentStakingInvalidConfig();
    error AgentStakingPoolWipedOut(uint256 agentId);

    /// @param treasury_ Where slashed stake, forfeited bonds and unearnable rewards go (the treasury Safe).
    /// @param admin_ Gets every role (`DEFAULT_ADMIN_ROLE`, `PARAMETERS_ROLE`, `CHALLENGE_RESOLVER_ROLE`): the
    /// treasury Safe, or a deployer that wires {setFeeRouter}, grants the Safe every role and renounces its own.
    /// Requirements: no zero address among `token_`, `registry_`, `treasury_` and `admin_`; valid `params_`.
    constructor(IERC20 token_, AgentRegistry registry_, address treasury_, address admin_, Params memory params_) {
        if (
            address(token_) == address(0) || address(registry_) == address(0) || treasury_ == address(0)
                || admin_ == address(0)
        ) {
            revert AgentStakingInvalidConfig();
        }
        _grantRole(DEFAULT_ADMIN_ROLE, admin_);
        _grantRole(PARAMETERS_ROLE, admin_);
        _grantRole(CHALLENGE_RESOLVER_ROLE, admin_);
        token = token_;
        registry = registry_;
        treasury = treasury_;
        _setParams(params_);
    }

    // ---------------------------------------------------------------- staking

    /// @notice Stakes `amount` OPEN on an agent (approve this contract first); accrued rewards stay claimable.
    /// The new stake is warming: it earns from the agent's next reward round on (see the contract notes).
    /// Staking on a paused or jailed agent is allowed (it may be how it gets back to its minimums).
    /// Emits a {Staked} event.
    /// Requirements: the agent exists, has no open unexpired challenge, and its active pool was not wiped out by
    /// a slash; `amount` is not zero and buys at least one share.
    function stake(uint256 agentId, uint256 amount) external nonReentrant {
        if (amount == 0) revert AgentStakingZeroAmount();
        registry.creatorOf(agentId); // reverts with AgentRegistryUnknownAgent
        AgentState storage state = _agents[agentId];
        if (_frozen(state)) revert AgentStakingChallengeOpen(agentId, state.frozenUntil); // protection: no-stake-in-challenge
        Position storage position = _positions[agentId][msg.sender];
        Pool memory active = state.active;
        if (active.tokens == 0 && active.shares != 0) revert AgentStakingPoolWipedOut(agentId);
        uint256 shares = _sharesFor(active, amount);
        if (shares == 0) revert AgentStakingZeroShares(agentId, amount);
        _ripen(agentId, state, position);
        position.activeShares = (position.activeShares + shares).toUint128();
        position.warmingShares = (position.warmingShares + shares).toUint128(); // protection: stake-warms
        position.warmingRound = state.round;
        state.warmingShares = (state.warmingShares + shares).toUint128();
        state.active = Pool((active.tokens + amount).toUint128(), (active.shares + shares).toUint128());
        emit Staked(agentId, msg.sender, amount, shares);
        token.safeTransferFrom(msg.sender, address(this), amount);
    }

    /// @notice Moves `amount` OPEN of the caller's active stake into unbonding, where it earns no rewards but stays
    /// slashable. Warming shares go first. A new request restarts the unbonding period of all the caller's
    /// unbonding stake on the agent. Rewards its active stake earned so far stay claimable.
    /// Emits an {UnstakeRequested} event.
    /// Requirements: `amount` is not zero and at most the caller's active stake.
    function requestUnstake(uint256 agentId, uint256 amount) external {
        if (amount == 0) revert AgentStakingZeroAmount();
        AgentState storage state = _agents[agentId];
        Position storage position = _positions[agentId][msg.sender];
        Pool memory active = state.active;
        uint256 held = position.activeShares;
        uint256 staked = _valueOf(active, held);
        if (amount > staked) revert AgentStakingInsufficientStake(agentId, msg.sender, staked, amount);
        uint256 burned = amount == staked
            ? held
            : Math.min(held, Math.mulDiv(amount, active.shares, active.tokens, Math.Rounding.Ceil));
        Pool memory unbonding = state.unbonding;
        uint256 minted = _sharesFor(unbonding, amount);
        if (minted == 0) revert AgentStakingZeroShares(agentId, amount);
        _ripen(agentId, state, position);
        _burnActive(state, position, burned);
        // unchecked: burned <= held <= active.shares, and amount <= staked <= active.tokens
        unchecked {
            state.active = Pool(uint128(active.tokens - amount), uint128(active.shares - burned));
        }
        position.unbondingShares = (position.unbondingShares + minted).toUint128();
        uint64 ends = uint64(block.timestamp) + _params.unbondingPeriod;
        position.unbondingEnds = ends;
        state.unbonding = Pool((unbonding.tokens + amount).toUint128(), (unbonding.shares + minted).toUint128());
        emit UnstakeRequested(agentId, msg.sender, amount, ends);
    }

    /// @notice Withdraws all of the caller's unbonding stake on an agent once its unbonding period has ended.
    /// What is paid is the stake's value now, after any slash while it was unbonding.
    /// Emits a {StakeWithdrawn} event.
    /// Requirements: the caller has unbonding stake; its period has ended; no open challenge against the agent
    /// holds it ({withdrawableAt}: at most {Params-challengePeriod} past the unbonding end).
    function withdraw(uint256 agentId) external nonReentrant {
        Position storage position = _positions[agentId][msg.sender];
        uint256 shares = position.unbondingShares;
        if (shares == 0) revert AgentStakingNothingToWithdraw(agentId, msg.sender);
        if (block.timestamp < position.unbondingEnds) {
            revert AgentStakingUnbonding(agentId, msg.sender, position.unbondingEnds); // protection: unbonding
        }
        AgentState storage state = _agents[agentId];
        uint64 heldUntil = _challengeHold(state, position.unbondingEnds);
        if (block.timestamp < heldUntil) revert AgentStakingWithdrawalFrozen(agentId, msg.sender, heldUntil); // protection: challenge-freeze
        Pool memory unbonding = state.unbonding;
        uint256 amount = _valueOf(unbonding, shares);
        position.unbondingShares = 0;
        // unchecked: shares <= unbonding.shares and amount <= unbonding.tokens (a floor of a share of them)
        unchecked {
            state.unbonding = Pool(uint128(unbonding.tokens - amount), uint128(unbonding.shares - shares));
        }
        emit StakeWithdrawn(agentId, msg.sender, amount);
        if (amount > 0) token.safeTransfer(msg.sender, amount);
    }

    // ---------------------------------------------------------------- rewards

    /// @notice Adds `amount` OPEN of rewards to an agent's earning stakers (active stake that was there for the
    /// whole reward round), pro rata to their earning shares, pulled from the caller (approve first), and closes
    /// the round: stake that was warming earns from now on. With no earning stake (or only stake a slash wiped
    /// out) the reward goes straight to the treasury.
    /// Emits a {RewardNotified} and a {RewardRoundClosed} event.
    /// Requirements: the caller is the fee router; `amount` is not zero; the agent exists.
    function notifyReward(uint256 agentId, uint256 amount) external nonReentrant {
        if (msg.sender != feeRouter) revert AgentStakingUnauthorizedFeeRouter(msg.sender); // protection: reward-source
        if (amount == 0) revert AgentStakingZeroAmount();
        registry.creatorOf(agentId); // reverts with AgentRegistryUnknownAgent
        AgentState storage state = _agents[agentId];
        Pool memory active = state.active;
        uint256 earning = active.shares;
        earning -= state.warmingShares; // protection: warming-earns-nothing
        bool toTreasury = earning == 0 || active.tokens == 0;
        if (!toTreasury) state.rewardPerShare += Math.mulDiv(amount, REWARD_PRECISION, earning);
        uint64 round = state.round;
        // Only positions that staked during this round read its closing value (when they ripen).
        if (state.warmingShares != 0) _rewardPerShareAt[agentId][round] = state.rewardPerShare;
        state.round = round + 1;
        state.warmingShares = 0;
        emit RewardNotified(agentId, msg.sender, amount, toTreasury);
        emit RewardRoundClosed(agentId, round, state.rewardPerShare);
        token.safeTransferFrom(msg.sender, toTreasury ? treasury : address(this), amount);
    }

    /// @notice Pays the caller's accrued rewards on an agent. Claiming nothing succeeds and pays nothing.
    /// Emits a {RewardClaimed} event.
    function claim(uint256 agentId) external nonReentrant returns (uint256 amount) {
        AgentState storage state = _agents[agentId];
        Position storage position = _positions[agentId][msg.sender];
        _ripen(agentId, state, position);
        uint256 accrued = _accrued(_earningShares(position), state.rewardPerShare);
        int256 owed = accrued.toInt256() - position.rewardDebt;
        if (owed <= 0) return 0;
        amount = uint256(owed);
        position.rewardDebt = accrued.toInt256();
        emit RewardClaimed(agentId, msg.sender, amount);
        token.safeTransfer(msg.sender, amount);
    }

    // ---------------------------------------------------------------- challenges

    /// @notice Commits to a challenge to reveal with {challenge} in a later block: `commitment` is
    /// `keccak256(abi.encode(challenger, agentId, evidenceHash, salt))` ({challengeCommitment}). It names the
    /// challenger, so nobody else can reveal it, and hides the evidence until the reveal.
    /// Emits a {ChallengeCommitted} event.
    /// Requirements: `commitment` was not committed before.
    function commitChallenge(bytes32 commitment) external {
        if (_commitments[commitment] != 0) revert AgentStakingCommitmentExists(commitment);
        _commitments[commitment] = block.number;
        emit ChallengeCommitted(commitment, msg.sender);
    }

    /// @notice Challenges an agent's behaviour, revealing a commitment the caller made with {commitChallenge} in
    /// an earlier block, with evidence (e.g. the hash of receipts or transcripts) and a bond pulled from the
    /// caller (approve {Params-challengeBond} first). The challenge expires {Params-challengePeriod} from now;
    /// until then the agent takes no new stake and unbonded stake cannot leave (see {withdrawableAt}).
    /// @return challengeId The new challenge's id (ids start at 1).
    /// Emits a {ChallengeOpened} event.
    /// Requirements: the agent exists; the caller committed to exactly these values in an earlier block; the
    /// evidence has not opened a challenge against the agent before.
    function challenge(uint256 agentId, bytes32 evidenceHash, bytes32 salt)
        external
        nonReentrant
        returns (uint256 challengeId)
    {
        registry.creatorOf(agentId); // reverts with AgentRegistryUnknownAgent
        _spendCommitment(challengeCommitment(msg.sender, agentId, evidenceHash, salt));
        uint256 used = _evidenceUsed[agentId][evidenceHash];
        if (used != 0) revert AgentStakingEvidenceUsed(agentId, evidenceHash, used); // protection: evidence-once
        uint256 bond = _params.challengeBond;
        challengeId = ++_challengeCount;
        uint64 expiresAt = uint64(block.timestamp) + _params.challengePeriod;
        _challenges[challengeId] = Challenge({
            challenger: msg.sender,
            openedAt: uint64(block.timestamp),
            expiresAt: expiresAt,
            status: ChallengeStatus.Open,
            slashBps: 0,
            agentId: agentId,
            bond: bond,
            evidenceHash: evidenceHash
        });
        _evidenceUsed[agentId][evidenceHash] = challengeId;
        AgentState storage state = _agents[agentId];
        state.openChallenges += 1;
        if (expiresAt > state.frozenUntil) state.frozenUntil = expiresAt;
        emit ChallengeOpened(challengeId, agentId, msg.sender, evidenceHash, bond);
        token.safeTransferFrom(msg.sender, address(this), bond);
    }

    /// @notice Resolves an open challenge before it expires. Upheld: both of the agent's pools (active and
    /// unbonding) lose `slashBps` of their tokens; the challenger gets {Params-challengerRewardBps} of the slashed
    /// tokens (rounded down) plus the bond back; the rest of the slashed tokens go to the treasury; the agent is
    /// jailed. Rejected: the bond goes to the treasury and `slashBps` is ignored.
    /// Emits {ChallengeUpheld} and {AgentJailed}, or {ChallengeRejected}.
    /// Requirements: the caller holds `CHALLENGE_RESOLVER_ROLE`; the challenge exists, is open and has not
    /// expired; when upheld, 0 < `slashBps` ≤ 10000.
    function resolveChallenge(uint256 challengeId, bool upheld, uint16 slashBps) external nonReentrant {
        _checkRole(CHALLENGE_RESOLVER_ROLE); // protection: resolver-role
        Challenge storage stored = _openChallenge(challengeId);
        if (block.timestamp >= stored.expiresAt) revert AgentStakingChallengeExpired(challengeId, stored.expiresAt); // protection: challenge-expiry
        uint256 agentId = stored.agentId;
        AgentState storage state = _agents[agentId];
        state.openChallenges -= 1;
        uint256 bond = stored.bond;
        if (!upheld) {
            stored.status = ChallengeStatus.Rejected;
            emit ChallengeRejected(challengeId, agentId, bond);
            if (bond > 0) token.safeTransfer(treasury, bond);
            return;
        }
        if (slashBps == 0 || slashBps > BPS) revert AgentStakingInvalidSlash(slashBps);
        stored.status = ChallengeStatus.Upheld;
        stored.slashBps = slashBps;
        uint256 slashed = _slash(state.active, slashBps) + _slash(state.unbonding, slashBps);
        uint256 reward = slashed * _params.challengerRewardBps / BPS;
        state.jailed = true;
        emit ChallengeUpheld(challengeId, agentId, slashBps, slashed, reward);
        emit AgentJailed(agentId, challengeId);
        address challenger = stored.challenger;
        if (reward + bond > 0) token.safeTransfer(challenger, reward + bond);
        if (slashed > reward) token.safeTransfer(treasury, slashed - reward);
    }

    /// @notice Closes a challenge the resolver left open past its expiry and returns its bond to the challenger
    /// (the challenger is not punished for the resolver's silence). Anyone may call it.
    /// Emits a {ChallengeExpired} event.
    /// Requirements: the challenge exists, is open and has expired.
    function expireChallenge(uint256 challengeId) external nonReentrant {
        Challenge storage stored = _openChallenge(challengeId);
        if (block.timestamp < stored.expiresAt) revert AgentStakingChallengeNotExpired(challengeId, stored.expiresAt); // protection: expire-after-period
        stored.status = ChallengeStatus.Expired;
        _agents[stored.agentId].openChallenges -= 1;
        emit ChallengeExpired(challengeId, stored.agentId, stored.bond);
        token.safeTransfer(stored.challenger, stored.bond);
    }

    // ---------------------------------------------------------------- admin

    /// @notice Replaces the staking parameters. A new unbonding period applies to later unstake requests only;
    /// a new bond to later challenges only.
    /// Emits a {ParamsChanged} event.
    /// Requirements: the caller holds `PARAMETERS_ROLE`; `challengerRewardBps` ≤ 10000; `challengeBond` is not
    /// zero; `unbondingPeriod` ≤ 365 days; 0 < `challengePeriod` ≤ 90 days.
    function setParams(Params calldata params_) external {
        _checkRole(PARAMETERS_ROLE);
        _setParams(params_);
    }

    /// @notice Sets the account allowed to {notifyReward} (the FeeRouter); the zero address disables rewards.
    /// Emits a {FeeRouterChanged} event.
    /// Requirements: the caller holds `PARAMETERS_ROLE`.
    function setFeeRouter(address newFeeRouter) external {
        _checkRole(PARAMETERS_ROLE);
        address previous = feeRouter;
        feeRouter = newFeeRouter;
        emit FeeRouterChanged(previous, newFeeRouter);
    }

    /// @notice Lifts an agent's jail; it is active again once it meets the other conditions of {isAgentActive}.
    /// Emits an {AgentUnjailed} event.
    /// Requirements: the caller holds `CHALLENGE_RESOLVER_ROLE`; the agent is jailed.
    function unjail(uint256 agentId) external {
        _checkRole(CHALLENGE_RESOLVER_ROLE);
        AgentState storage state = _agents[agentId];
        if (!state.jailed) revert AgentStakingNotJailed(agentId);
        state.jailed = false;
        emit AgentUnjailed(agentId);
    }

    // ---------------------------------------------------------------- views

    /// @notice Whether an agent may serve: it exists, is not paused in the registry, is not jailed, its active
    /// stake reaches {Params-minAgentStake} and its creator's active stake on it reaches {Params-minCreatorStake}.
    function isAgentActive(uint256 agentId) external view returns (bool) {
        if (agentId == 0 || agentId > registry.agentCount()) return false;
        AgentState storage state = _agents[agentId];
        if (state.jailed || registry.isPaused(agentId)) return false;
        Pool memory active = state.active;
        if (active.tokens < _params.minAgentStake) return false;
        address creator = registry.creatorOf(agentId);
        return _valueOf(active, _positions[agentId][creator].activeShares) >= _params.minCreatorStake;
    }

    /// @notice A staker's position on an agent: active and unbonding stake (their value now, rounded down),
    /// when unbonding ends, the rewards {claim} would pay, and how much of the active stake is still warming.
    function positionOf(uint256 agentId, address staker) external view returns (PositionView memory) {
        AgentState storage state = _agents[agentId];
        Position memory position = _positions[agentId][staker];
        if (position.warmingShares != 0 && position.warmingRound < state.round) {
            position.rewardDebt = _ripenedDebt(agentId, position);
            position.warmingShares = 0;
        }
        uint256 earning = position.activeShares - position.warmingShares;
        return PositionView({
            activeTokens: _valueOf(state.active, position.activeShares),
            unbondingTokens: _valueOf(state.unbonding, position.unbondingShares),
            unbondingEnds: position.unbondingEnds,
            pendingReward: _pending(earning, state.rewardPerShare, position.rewardDebt),
            warmingTokens: _valueOf(state.active, position.warmingShares)
        });
    }

    /// @notice An agent's total active and unbonding stake, whether it is jailed, its open challenges, until
    /// when they hold new stake and withdrawals, and its current reward round.
    function agentStake(uint256 agentId) external view returns (AgentStakeView memory) {
        AgentState storage state = _agents[agentId];
        return AgentStakeView(
            state.active.tokens,
            state.unbonding.tokens,
            state.jailed,
            state.openChallenges,
            state.openChallenges == 0 ? 0 : state.frozenUntil,
            state.round
        );
    }

    /// @notice When a staker's unbonding stake on an agent, unbonding until `unbondingEnds`, may leave: its
    /// unbonding end, or later while a challenge holds it, but never more than {Params-challengePeriod} later.
    function withdrawableAt(uint256 agentId, uint64 unbondingEnds) external view returns (uint64) {
        return uint64(Math.max(unbondingEnds, _challengeHold(_agents[agentId], unbondingEnds)));
    }

    /// @notice The commitment {commitChallenge} takes for a challenge by `challenger`.
    function challengeCommitment(address challenger, uint256 agentId, bytes32 evidenceHash, bytes32 salt)
        public
        pure
        returns (bytes32)
    {
        return keccak256(abi.encode(challenger, agentId, evidenceHash, salt));
    }

    /// @notice The block a commitment was made in (0: none, or already revealed).
    function commitmentBlock(bytes32 commitment) external view returns (uint256) {
        return _commitments[commitment];
    }

    /// @notice A challenge: challenger, open and expiry times, status, slash applied, agent, bond and evidence hash.
    function challengeOf(uint256 challengeId) external view returns (Challenge memory) {
        Challenge memory stored = _challenges[challengeId];
        if (stored.status == ChallengeStatus.None) revert AgentStakingUnknownChallenge(challengeId);
        return stored;
    }

    /// @notice How many challenges were opened (ids run from 1 to this).
    function challengeCount() external view returns (uint256) {
        return _challengeCount;
    }

    /// @notice The staking parameters.
    function params() external view returns (Params memory) {
        return _params;
    }

    // ---------------------------------------------------------------- internals

    function _setParams(Params memory params_) private {
        if (
            params_.challengerRewardBps > BPS || params_.challengeBond == 0 || params_.unbondingPeriod > 365 days
                || params_.challengePeriod == 0 || params_.challengePeriod > 90 days
        ) {
            revert AgentStakingInvalidParams(params_);
        }
        _params = params_;
        emit ParamsChanged(params_);
    }

    /// @dev Whether an open challenge holds the agent now.
    function _frozen(AgentState storage state) private view returns (bool) {
        return state.openChallenges != 0 && block.timestamp < state.frozenUntil;
    }

    /// @dev Until when open challenges hold unbonding stake ending at `unbondingEnds`: their latest expiry,
    /// capped at `challengePeriod` past the unbonding end; 0 with no open challenge.
    function _challengeHold(AgentState storage state, uint64 unbondingEnds) private view returns (uint64) {
        if (state.openChallenges == 0) return 0;
        uint64 cap = type(uint64).max;
        cap = unbondingEnds + _params.challengePeriod; // protection: freeze-cap
        return uint64(Math.min(state.frozenUntil, cap));
    }

    /// @dev Spends the caller's commitment: it must exist and be from an earlier block.
    function _spendCommitment(bytes32 commitment) private {
        uint256 committedAt = _commitments[commitment];
        if (committedAt == 0) revert AgentStakingNotCommitted(commitment); // protection: commit-first
        if (committedAt >= block.number) revert AgentStakingCommitmentTooRecent(commitment, committedAt); // protection: commit-earlier-block
        delete _commitments[commitment];
    }

    function _openChallenge(uint256 challengeId) private view returns (Challenge storage stored) {
        stored = _challenges[challengeId];
        if (stored.status == ChallengeStatus.None) revert AgentStakingUnknownChallenge(challengeId);
        if (stored.status != ChallengeStatus.Open) revert AgentStakingChallengeResolved(challengeId); // protection: resolve-once
    }

    /// @dev Turns the position's warming shares into earning ones once their round has closed, keeping what
    /// the position is owed plus what those shares earned since.
    function _ripen(uint256 agentId, AgentState storage state, Position storage position) private {
        if (position.warmingShares == 0 || position.warmingRound >= state.round) return;
        position.rewardDebt = _ripenedDebt(agentId, position);
        position.warmingShares = 0;
    }

    /// @dev The debt once a position's warming shares (of a closed round) earn: they accrue from the
    /// rewardPerShare their round closed at, so the debt grows by what they would have accrued up to it, rounded
    /// up (never credit wei nobody paid in: the position's owed stays at most its exact entitlement).
    function _ripenedDebt(uint256 agentId, Position memory position) private view returns (int256) {
        uint256 before = _rewardPerShareAt[agentId][position.warmingRound];
        return position.rewardDebt
            + Math.mulDiv(position.warmingShares, before, REWARD_PRECISION, Math.Rounding.Ceil).toInt256();
    }

    /// @dev Burns `burned` active shares of a ripened position, warming ones first, keeping what it is owed.
    function _burnActive(AgentState storage state, Position storage position, uint256 burned) private {
        uint256 warming = position.warmingShares;
        uint256 fromWarming = Math.min(burned, warming);
        uint256 earning = position.activeShares - warming;
        int256 owed = _owed(earning, state.rewardPerShare, position.rewardDebt);
        // unchecked: fromWarming <= warming, which the agent's warming count includes (the position ripened, so
        // its warming shares are of the current round); burned <= activeShares (the caller checked)
        unchecked {
            position.warmingShares = uint128(warming - fromWarming);
            state.warmingShares -= uint128(fromWarming);
            position.activeShares -= uint128(burned);
        }
        position.rewardDebt = _debtKeeping(earning - (burned - fromWarming), state.rewardPerShare, owed);
    }

    function _earningShares(Position storage position) private view returns (uint256) {
        return position.activeShares - position.warmingShares;
    }

    /// @dev Scales a pool's tokens to floor(tokens * (10000 - bps) / 10000) and returns what it took.
    function _slash(Pool storage pool, uint256 bps) private returns (uint256 slashed) {
        uint256 tokens = pool.tokens;
        uint256 kept = tokens * (BPS - bps) / BPS;
        pool.tokens = uint128(kept); // kept <= tokens, which fits
        // unchecked: kept <= tokens
        unchecked {
            slashed = tokens - kept;
        }
    }

    /// @dev Rewards a position may claim now: what it is owed, or nothing while that is below zero.
    function _pending(uint256 shares, uint256 rewardPerShare, int256 debt) private pure returns (uint256) {
        int256 owed = _owed(shares, rewardPerShare, debt);
        return owed > 0 ? uint256(owed) : 0;
    }

    /// @dev What its active shares accrued minus its debt. It may be a few wei below zero right after a share
    /// change (the debt rounds up there), until rewards cover it; it is never paid while below zero.
    function _owed(uint256 shares, uint256 rewardPerShare, int256 debt) private pure returns (int256) {
        return _accrued(shares, rewardPerShare).toInt256() - debt;
    }

    /// @dev The debt that leaves `owed` for `shares` at `rewardPerShare`. It rounds the accrual up: a floor would
    /// credit the new shares with up to 1 wei they never earned, paid later out of other stakers' stake. Rounding
    /// up instead costs the position at most 1 wei per share change, which stays in the pool.
    function _debtKeeping(uint256 shares, uint256 rewardPerShare, int256 owed) private pure returns (int256) {
        return Math.mulDiv(shares, rewardPerShare, REWARD_PRECISION, Math.Rounding.Ceil).toInt256() - owed;
    }

    function _accrued(uint256 shares, uint256 rewardPerShare) private pure returns (uint256) {
        return Math.mulDiv(shares, rewardPerShare, REWARD_PRECISION);
    }

    /// @dev Shares minted for `amount` tokens: floor(amount * (shares + 1) / (tokens + 1)), i.e. 1:1 until slashed.
    function _sharesFor(Pool memory pool, uint256 amount) private pure returns (uint256) {
        return Math.mulDiv(amount, uint256(pool.shares) + 1, uint256(pool.tokens) + 1);
    }

    function _valueOf(Pool memory pool, uint256 shares) private pure returns (uint256) {
        return shares == 0 ? 0 : Math.mulDiv(shares, pool.tokens, pool.shares);
    }
}
