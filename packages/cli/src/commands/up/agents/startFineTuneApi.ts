import type { LoraHost } from '@openledger/lora-host'
import { fineTuneQueue, startFineTuneWorker } from '@openledger/model-factory'
import type { Store } from '@openledger/store'
import type { Stops } from '../upOptions.js'

/** The fine-tune queue and its worker (training on the host's base model); the gateway serves the API over it. */
export function startFineTuneApi(
  settlement: { redisUrl: string; prefix: string },
  store: Store,
  host: LoraHost,
  stops: Stops,
): ReturnType<typeof fineTuneQueue> {
  const redis = settlement.redisUrl
  const fineTunes = fineTuneQueue({ redis, prefix: settlement.prefix })
  stops.push(() => fineTunes.close())
  const trainer = startFineTuneWorker({ redis, prefix: settlement.prefix, store, model: host.model })
  stops.push(() => trainer.close())
  return fineTunes
}
