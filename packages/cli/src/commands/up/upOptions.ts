/** `openledger up`'s options, as commander parses them. */
export type UpOptions = {
  port: number
  /** The devnet's chain id; default the devnet's (31337). Any other refuses the dev mnemonic's keys. */
  chainId?: number
  loraPort: number
  gatewayPort: number
  loraHost: boolean
  model?: string
  settlement: boolean
  agents: boolean
  trainSteps: number | undefined
  epochSeconds: number
  wait: boolean
}

/** What `up` runs on stop, in reverse order of starting. */
export type Stops = (() => Promise<void>)[]
