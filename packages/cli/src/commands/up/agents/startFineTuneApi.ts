import type { LoraHost } from '@openledger/lora-host'
import {
  type FineTuneRouter,
  fineTuneQueue,
  fineTuneRouter,
  startFineTuneWorker,
} from '@openledger/model-factory'
import type { Store } from '@openledger/store'
import type { Stops } from '../upOptions.js'

/** The fine-tune queue, its worker (training on the host's base model) and the HTTP router in front of it. */
export function startFineTuneApi(
  settlement: { redisUrl: string; prefix: string },
  store: Store,
  host: LoraHost,
  stops: Stops,
): FineTuneRouter {
  const redis = settlement.redisUrl
  const fineTunes = fineTuneQueue({ redis, prefix: settlement.prefix })
  stops.push(() => fineTunes.close())
  const trainer = startFineTuneWorker({ redis, prefix: settlement.prefix, store, model: host.model })
  stops.push(() => trainer.close())
  const fineTuneApi = fineTuneRouter({ queue: fineTunes })
  stops.push(() => fineTuneApi.close())
  return fineTuneApi
}
