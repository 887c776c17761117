import type { DatanetRow } from '@openledger/datanets'
import type { LoraHost } from '@openledger/lora-host'
import { fineTune } from '../train/fineTune.js'
import { peftAdapterFiles } from '../train/peftAdapterFiles.js'
import { tokenizeRow } from '../train/tokenizeRow.js'

/**
 * For tests, what provisioning does for an adapter role: fine-tune a LoRA adapter on the rows (ModelFactory,
 * rank 8 on q, k, v, o) and register it in the host as `name`.
 *
 * @example
 * await trainAdapter(host, rows, { name: 'defi-answer', steps: 200 })
 */
export async function trainAdapter(
  host: LoraHost,
  rows: readonly DatanetRow[],
  parameters: { name: string; steps: number },
): Promise<void> {
  const { model } = host
  const result = await fineTune({
    weights: model.weights,
    sequences: rows.map((row) => tokenizeRow(model.tokenizer, row.content)),
    // Evaluated only at the end, so the final adapter is kept: the best held-out loss comes early (about step
    // 40), before the adapter has learned the rows' wording, which is what the answers and span attribution use.
    options: {
      rank: 8,
      steps: parameters.steps,
      batch: 8,
      seqLen: 128,
      lr: 1e-2,
      evalEvery: parameters.steps,
      patience: 0,
      seed: 7,
    },
  })
  const files = peftAdapterFiles({ result, config: model.weights.config, baseModel: model.id })
  await host.registerAdapter({ name: parameters.name, files })
}
