import type { LoraHost } from '@openledger/lora-host'
import { createInfluenceScorer, hasInfluenceFeatures, readInfluenceFeatures } from '@openledger/model-factory'
import type { ProvisionSummary } from '@openledger/provision'

/** Gradient influence over the agents' adapters, from the features ModelFactory stored beside each one. */
export function influenceOf(
  host: LoraHost,
  summary: ProvisionSummary,
): ReturnType<typeof createInfluenceScorer> | undefined {
  const features = new Map(
    summary.agents
      .flatMap((agent) => agent.adapters)
      .filter((adapter) => hasInfluenceFeatures(adapter.dir))
      .map((adapter) => [adapter.name, readInfluenceFeatures(adapter.dir)] as const),
  )
  if (features.size === 0) return undefined
  return createInfluenceScorer({ weights: host.model.weights, features, bos: host.model.tokenizer.bos })
}
