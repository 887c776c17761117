import type { StackFile } from '../../../stack.js'
import type { StartedAgents } from './startAgentsInStack.js'

/** What `up` adds to stack.json once the gateway serves. */
export function agentsInStackFile(stack: StackFile, started: StartedAgents): void {
  stack.gatewayUrl = started.gatewayUrl
  stack.apiKey = started.apiKey
  stack.agents = started.summary.agents.map((a) => ({
    id: a.packageId,
    agentId: a.agentId.toString(),
    account: a.account,
    datanetId: a.datanet.id.toString(),
    adapters: a.adapters.map((d) => d.name),
  }))
  stack.uniswap = {
    router: started.summary.uniswap.router,
    factory: started.summary.uniswap.factory,
    weth: started.summary.uniswap.weth,
    usdc: started.summary.uniswap.usdc,
  }
  if (started.summary.demoCaller)
    stack.demoCaller = { account: started.summary.demoCaller.account, safe: started.summary.demoCaller.safe }
}
