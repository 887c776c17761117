// Test-only contracts (MockAgentFees, MockStakerRewards): never deployed outside tests.
export * from '../generated/testing/index.js'
