/** `openledger up`'s options, as commander parses them. */
export type UpOptions = {
  port: number
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
