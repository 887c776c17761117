import { formatEther } from 'viem'
import type { StartedAgents } from './startAgentsInStack.js'

/** The lines `up` prints about the agents, the demo caller and how to call them. */
export function agentLines(started: StartedAgents): string[] {
  const { summary, gatewayUrl, apiKey } = started
  const lines = summary.agents.map(
    (a) =>
      `  agent          ${a.packageId}  (id ${a.agentId}, fee ${formatEther(a.feeWei)} OPEN, stake ${formatEther(a.stake.activeWei)} OPEN, datanet ${a.datanet.id}, adapters ${a.adapters.map((d) => d.name).join(', ')})`,
  )
  const caller = summary.demoCaller
  if (caller)
    lines.push(
      `  demo caller    ${caller.account}  (prepaid ${formatEther(caller.prepaidWei)} OPEN, Safe ${caller.safe})`,
    )
  lines.push(
    `  gateway        ${gatewayUrl}/v1  (OpenAI-compatible; model = agent id)`,
    `  chat page      ${gatewayUrl}/#key=${apiKey}`,
    `  demo API key   ${apiKey}`,
    '',
    'Try it:',
    `  curl -s ${gatewayUrl}/v1/chat/completions -H 'Authorization: Bearer ${apiKey}' \\`,
    `    -H 'Content-Type: application/json' \\`,
    `    -d '{"model":"${summary.agents[0]?.packageId ?? 'defi-assistant'}","messages":[{"role":"user","content":"What is the price of OPEN in USDC?"}]}'`,
  )
  return lines
}
