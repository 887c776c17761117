// Devnet-only contracts (TestStablecoin): the local stack deploys them; never deploy them to a public chain.
export * from '../generated/devnet/index.js'
