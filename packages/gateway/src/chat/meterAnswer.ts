import { type Evidence, linkActionReceipt, type ServedAgent } from '@openledger/agent-runtime'
import { enqueueUsage } from '@openledger/settlement'
import { type Address, getAddress, type Hex } from 'viem'
import type { GatewayContext } from '../GatewayContext.js'
import { type AttributeRunReturnType, attributeRun } from './attributeRun.js'

const MAX_QUEUED = 10_000

export type MeterAnswerParameters = {
  served: ServedAgent
  payer: Address
  /** The fee's hold from `gateChat`, marked metered by the receipt. */
  hold: symbol
  answer: string
  evidence: Evidence
  requestId: string
  /** sha256 of the base model's weights (`baseModelSha256`), committed to by the receipt. */
  baseModel: Hex
}

/**
 * Attributes an answer (its version 2 receipt, bound to this chain, its FeeRouter and the base model), meters it into the settlement queue (idempotent by the receipt id),
 * marks the fee's hold metered, and remembers the receipt until the worker records it.
 *
 * @example
 * const attributed = await meterAnswer(context, { served, payer, hold, answer, evidence, requestId, baseModel })
 */
export async function meterAnswer(
  context: GatewayContext,
  parameters: MeterAnswerParameters,
): Promise<AttributeRunReturnType> {
  const { served, payer } = parameters
  const { agent, agentId } = served
  const attributed = await attributeRun({
    ...context,
    datanets: agent.datanets.map((datanetId) => ({
      chainId: context.connection.chainId,
      registry: context.manifest.contracts.DatanetRegistry,
      datanetId,
    })),
    answer: parameters.answer,
    evidence: parameters.evidence,
    agentId,
    fee: agent.feeWei,
    payer,
    chainId: BigInt(context.connection.chainId),
    feeRouter: getAddress(context.manifest.contracts.FeeRouter),
    baseModel: parameters.baseModel,
    requestId: parameters.requestId,
  })
  const action = attributed.attribution.action
  if (action) await linkActionReceipt(context.store, { id: action.id, receiptId: attributed.receiptId })
  await enqueueUsage(context.usage, { receipt: attributed.receipt, agentId })
  context.reservations.metered(payer, parameters.hold, attributed.receiptId)
  context.queued.set(attributed.receiptId, { receipt: attributed.receipt, agentId })
  if (context.queued.size > MAX_QUEUED) {
    const oldest = context.queued.keys().next().value
    if (oldest) context.queued.delete(oldest)
  }
  return attributed
}
