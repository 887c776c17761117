import type { ServedAgent } from '@openledger/agent-runtime'
import type { Address } from 'viem'
import type { GatewayContext } from '../GatewayContext.js'
import { holdFee } from './holdFee.js'

/**
 * Gates a paid answer: the agent must be active (else 403) and the payer able to pay its fee (else 402); each
 * refusal is counted by reason. Returns the fee's hold, to release (failed answer) or mark metered.
 *
 * @example
 * const hold = await gateChat(context, served, apiKeyOf(response).account)
 */
export async function gateChat(
  context: GatewayContext,
  served: ServedAgent,
  payer: Address,
): Promise<symbol> {
  const { agent } = served
  const refused = (reason: 'agent_inactive' | 'insufficient_balance') => (error: unknown) => {
    context.metrics.refusals.inc({ agent: agent.id, reason })
    throw error
  }
  await context.agentGate.check(served).catch(refused('agent_inactive'))
  return holdFee({ ...context, payer, fee: agent.feeWei, agentId: agent.id }).catch(
    refused('insufficient_balance'),
  )
}
