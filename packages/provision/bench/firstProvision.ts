// How long provisioning the example agents takes on this machine: a fresh devnet, store and home, the
// agents' own training steps, then a second run on the same state. Run: npm run bench -w packages/provision
import { join } from 'node:path'
import { defiAssistant } from '@openledger/agent-defi-assistant'
import type { AgentPackage } from '@openledger/agent-runtime'
import { deployedDevnet } from '@openledger/chain/testing'
import { datanetsSchema } from '@openledger/datanets/schema'
import { createLocalClient, LoraHost, loadBaseModel } from '@openledger/lora-host'
import { stories260KDir } from '@openledger/lora-host/testing'
import { openStore } from '@openledger/store'
import type { ToolEnvironment } from '@openledger/tools'
import { devnetProvisionAccounts, provisionSchema, provisionStack } from '../src/index.js'

const wallet = (await import('@openledger/agent-ai-wallet')) as { aiWallet?: AgentPackage<ToolEnvironment> }
const packages = [defiAssistant, ...(wallet.aiWallet ? [wallet.aiWallet] : [])]
const chain = await deployedDevnet()
const store = await openStore({ directory: chain.directory, schemas: [datanetsSchema, provisionSchema] })
const host = await LoraHost.create({
  model: await loadBaseModel(stories260KDir),
  adaptersDir: join(chain.directory, 'adapters'),
})
try {
  const started = performance.now()
  const parameters = {
    connection: chain.connection,
    manifest: chain.manifest,
    store,
    home: chain.directory,
    host,
    client: createLocalClient(host),
    packages,
    accounts: devnetProvisionAccounts(chain.devnet.accounts),
    onProgress: (line: string) =>
      console.log(`${((performance.now() - started) / 1000).toFixed(1).padStart(6)} s  ${line}`),
  }
  const first = await provisionStack(parameters)
  const second = await provisionStack(parameters)
  console.log(
    `first run ${first.summary.seconds.toFixed(1)} s (trained ${first.summary.trained.join(', ')}), second run ${second.summary.seconds.toFixed(1)} s (trained ${second.summary.trained.length})`,
  )
} finally {
  await host.close()
  await store.close()
  chain.cleanup()
}
