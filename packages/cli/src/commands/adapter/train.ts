import { join, resolve } from 'node:path'
import type { Datanet } from '@openledger/datanets'
import { loadBaseModel } from '@openledger/lora-host'
import {
  type FineTunePayload,
  type RunFineTuneJobReturnType as FineTuneResult,
  parseFineTunePayload,
  runFineTuneJob,
} from '@openledger/model-factory'
import { type Command, InvalidArgumentError } from 'commander'
import { withRpcUrl } from '../../commonOptions.js'
import type { Context } from '../../context.js'
import { parseDatanetId, parseIntegerIn } from '../../options.js'
import { type TrainingProgress, trainingProgress } from '../../trainingProgress.js'
import { withDatanet } from '../datanet/withDatanet.js'
import { defaultModelPath } from '../loraHost/defaultModelPath.js'
import { loraHostDefaults } from '../loraHost/loraHostDefaults.js'

type TrainOptions = {
  datanet: bigint
  rank: number
  steps: number
  seed?: number
  seqLen?: number
  batch?: number
  lr?: number
  modules?: string[]
  out?: string
  name?: string
  model: string
  maxRank: number
  rpcUrl?: string
}

const anyInteger = parseIntegerIn(0, Number.MAX_SAFE_INTEGER)

function parseLearningRate(value: string): number {
  const n = Number(value)
  if (!Number.isFinite(n) || n <= 0) throw new InvalidArgumentError(`"${value}" is not a positive number.`)
  return n
}

const parseModules = (value: string) => value.split(',').map((module) => module.trim())

/** `openledger adapter train`: fine-tunes a LoRA adapter on a datanet's accepted rows, in process. */
export function adapterTrainCommand(adapter: Command, context: Context): void {
  withRpcUrl(adapter.command('train'))
    .description(
      "Fine-tune a LoRA adapter on a datanet's accepted rows (in process, on the base model); writes the PEFT files and training.json.",
    )
    .requiredOption('--datanet <id>', 'the datanet whose accepted rows to train on', parseDatanetId)
    .requiredOption('--rank <r>', 'LoRA rank (1 to the host maximum, --max-rank)', anyInteger)
    .requiredOption('--steps <n>', 'optimizer steps', anyInteger)
    .option('--seed <n>', 'same seed, same split, same adapter (default 42)', anyInteger)
    .option('--seq-len <n>', 'tokens per row (default 128); a longer row is an error', anyInteger)
    .option('--batch <n>', 'rows per step (default 16)', anyInteger)
    .option('--lr <rate>', 'peak learning rate (default 2e-3)', parseLearningRate)
    .option(
      '--modules <list>',
      'modules to adapt, comma-separated (default q_proj,k_proj,v_proj,o_proj)',
      parseModules,
    )
    .option('--out <dir>', 'the folder to write the adapter folder into (default $OPENLEDGER_HOME/adapters)')
    .option('--name <name>', "the adapter folder's name (default: the adapter's sha256)")
    .option('--model <path>', 'base model (a llama2.c or Hugging Face folder)', defaultModelPath(context))
    .option(
      '--max-rank <r>',
      'the largest rank the serving host accepts',
      anyInteger,
      loraHostDefaults.maxRank,
    )
    .action((options: TrainOptions) =>
      withDatanet(context, options.rpcUrl, options.datanet, async ({ store, datanet }) => {
        const payload = payloadOf(context, options, datanet)
        const model = await loadBaseModel(options.model)
        const result = await runCancellable(context, (signal, onProgress) =>
          runFineTuneJob({ store, model, payload, maxRank: options.maxRank, onProgress, signal }),
        )
        printTrained(context, result, datanet.datanetId)
      }),
    )
}

/** The fine-tune job's payload from the options (checked as a queued job's is). */
function payloadOf(context: Context, options: TrainOptions, datanet: Datanet): FineTunePayload {
  return parseFineTunePayload(
    {
      datanet: {
        chainId: datanet.chainId,
        registry: datanet.registry,
        datanetId: datanet.datanetId.toString(),
      },
      rank: options.rank,
      steps: options.steps,
      seed: options.seed,
      seqLen: options.seqLen,
      batch: options.batch,
      lr: options.lr,
      modules: options.modules,
      outputDir: resolve(options.out ?? join(context.env.OPENLEDGER_HOME, 'adapters')),
      name: options.name,
    },
    { maxRank: options.maxRank },
  )
}

/** Runs the training with a progress display; Ctrl-C aborts it (and it writes nothing). */
async function runCancellable<T>(
  context: Context,
  run: (signal: AbortSignal, onProgress: TrainingProgress['update']) => Promise<T>,
): Promise<T> {
  const progress = trainingProgress(context.io)
  const controller = new AbortController()
  const cancel = () => controller.abort()
  process.once('SIGINT', cancel)
  return run(controller.signal, progress.update).finally(() => {
    progress.stop()
    process.off('SIGINT', cancel)
  })
}

function printTrained(context: Context, result: FineTuneResult, datanetId: bigint): void {
  const { io } = context
  io.out(`Trained adapter ${result.adapterDir}`)
  io.out(`  sha256              ${result.adapterSha256}`)
  io.out(`  rows                ${result.rowIds.length} (datanet ${datanetId})`)
  io.out(`  training rows root  ${result.trainingRowsRoot}`)
  io.out(
    `  held-out loss       ${result.baseEvalLoss.toFixed(4)} base → ${result.bestEvalLoss.toFixed(4)} best`,
  )
  io.out(`  steps               ${result.stepsRun}`)
  io.out(`Next: openledger adapter register ${result.adapterDir}`)
}
