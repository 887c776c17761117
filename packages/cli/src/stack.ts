import { mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import type { DevAccount, Manifest } from '@openledger/chain'
import type { Address } from 'viem'

/** `.openledger/stack.json`: what a running `openledger up` serves, for other processes and people. */
export type StackFile = {
  rpcUrl: string
  chainId: number
  accounts: (DevAccount & { role: string })[]
  contracts: Manifest['contracts'] & Manifest['safe']
  treasurySafe: { address: Address; owners: Address[]; threshold: number }
  manifest: string
  /** The OpenAI-compatible model host, when `up` started one. */
  loraHost?: { url: string; model: string; sha256: string }
  /** The settlement worker, when `up` started one: gateways add usage jobs to its queue. */
  settlement?: { redisUrl: string; prefix: string; epochSeconds: number; epochReceipts: number }
  /** The model host's OpenAI-compatible base URL (`<loraHost.url>/v1`), when `up` started one. */
  loraHostUrl?: string
  /** The gateway serving the agents (OpenAI clients take `<gatewayUrl>/v1`), when `up` started it. */
  gatewayUrl?: string
  /** A demo API key for the demo caller, fresh on every start (the one before is revoked). */
  apiKey?: string
  agents?: { id: string; agentId: string; account: Address; datanetId: string; adapters: string[] }[]
  uniswap?: { router: Address; factory: Address; weth: Address; usdc: Address }
  demoCaller?: { account: Address; safe: Address }
  pid: number
  startedAt: string
}

export function stackFilePath(home: string): string {
  return join(home, 'stack.json')
}

const roles = [
  'deployer, Safe owner',
  'Safe owner',
  'Safe owner',
  'investors',
  'team',
  'ecosystem',
  'liquidity',
  'user',
  'user',
  'settler (FeeRouter)',
]

export function buildStackFile(parameters: {
  rpcUrl: string
  accounts: readonly DevAccount[]
  manifest: Manifest
  manifestPath: string
}): StackFile {
  const { rpcUrl, accounts, manifest } = parameters
  return {
    rpcUrl,
    chainId: manifest.chainId,
    accounts: accounts.map((a, i) => ({ ...a, role: roles[i] ?? 'user' })),
    contracts: { ...manifest.contracts, ...manifest.safe },
    treasurySafe: {
      address: manifest.treasurySafe.address,
      owners: manifest.treasurySafe.owners,
      threshold: manifest.treasurySafe.threshold,
    },
    manifest: parameters.manifestPath,
    pid: process.pid,
    startedAt: new Date().toISOString(),
  }
}

export function writeStackFile(home: string, stack: StackFile): string {
  mkdirSync(home, { recursive: true })
  const path = stackFilePath(home)
  writeFileSync(`${path}.tmp`, `${JSON.stringify(stack, null, 2)}\n`)
  renameSync(`${path}.tmp`, path)
  return path
}

export function removeStackFile(home: string): void {
  rmSync(stackFilePath(home), { force: true })
}
