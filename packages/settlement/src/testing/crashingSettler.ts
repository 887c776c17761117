/**
 * A settlement worker that kills itself (SIGKILL: no cleanup, no goodbye) at a chosen point, for the crash
 * tests. Run as `node --import tsx crashingSettler.ts` with CRASHING_SETTLER set to the JSON of `Options`.
 */
import { connectChain } from '@openledger/chain'
import { openStore } from '@openledger/store'
import type { Address, Hex } from 'viem'
import { privateKeyToAccount } from 'viem/accounts'
import { settlementSchema } from '../ledger/settlementSchema.js'
import { startSettlementWorker } from '../queue/startSettlementWorker.js'
import type { SettlerHooks } from '../settle/types.js'
import { adapterCreators } from './settlementScenario.js'

export type CrashingSettlerOptions = {
  rpcUrl: string
  databaseUrl: string
  redisUrl: string
  prefix: string
  feeRouter: Address
  treasury: Address
  settlerKey: Hex
  epochReceipts: number
  crashAt: keyof SettlerHooks
}

const options = JSON.parse(process.env.CRASHING_SETTLER ?? '{}') as CrashingSettlerOptions
const die = () => {
  process.stdout.write(`crashing at ${options.crashAt}\n`)
  process.kill(process.pid, 'SIGKILL')
}
const connection = await connectChain({ rpc: options.rpcUrl })
const store = await openStore({ databaseUrl: options.databaseUrl, schemas: [settlementSchema] })
await startSettlementWorker({
  store,
  connection,
  contracts: { FeeRouter: options.feeRouter },
  account: privateKeyToAccount(options.settlerKey),
  treasury: options.treasury,
  adapterCreators: async () => adapterCreators,
  redis: options.redisUrl,
  prefix: options.prefix,
  epochSeconds: 3600,
  epochReceipts: options.epochReceipts,
  hooks: { [options.crashAt]: die },
  onEvent: (event) => process.stdout.write(`${event.type}\n`),
})
process.stdout.write('ready\n')
