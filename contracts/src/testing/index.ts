// Test-only contracts (MockAgentFees, MockStakerRewards; the spending limit's odd tokens and re-entering
// delegate): never deployed outside tests.
export * from '../generated/testing/index.js'
