/**
 * ModelFactory benchmark, one run:
 * 1. wall time of 200 steps of rank-8 LoRA on stories260K at batch 16 × 128 tokens (target ≤ 60 s on 2 cores);
 * 2. influence quality on the controlled 4-contributor task: Spearman correlation between influence-predicted
 *    and leave-one-contributor-out retrained loss change (target ≥ 0.7), and top-1 contributor agreement
 *    (target ≥ 90%).
 * Prints tables; asserts nothing. Run: `npm run bench -w packages/model-factory`.
 */
import { createRandom, loadBaseModel } from '@openledger/lora-host'
import { stories260KDir } from '@openledger/lora-host/testing'
import { computeInfluenceFeatures } from '../src/influence/computeInfluenceFeatures.js'
import { FACTS, factsTask } from '../src/influence/factsTask.js'
import { scoreInfluence } from '../src/influence/scoreInfluence.js'
import { evalLoss, fineTune } from '../src/train/fineTune.js'
import { TrainingSession } from '../src/train/TrainingSession.js'
import { tokenizeRow } from '../src/train/tokenizeRow.js'

const model = await loadBaseModel(stories260KDir)

// ------------------------------------------------------------------ 1. training speed
const random = createRandom(1)
// 512 sequences of 129 tokens drawn from the model's own vocabulary (the content does not change the cost).
const sequences = Array.from({ length: 512 }, () => ({
  tokens: Array.from({ length: 129 }, () => 3 + Math.floor(random() * 500)),
}))
const speedRows: Record<string, string | number>[] = []
for (const modules of [
  ['q_proj', 'v_proj'],
  ['q_proj', 'k_proj', 'v_proj', 'o_proj'],
] as const) {
  const started = performance.now()
  let firstStepAt = 0
  const result = await fineTune({
    weights: model.weights,
    sequences,
    options: {
      rank: 8,
      steps: 200,
      batch: 16,
      seqLen: 128,
      evalFraction: 0.03,
      evalEvery: 1000,
      patience: 0,
      modules: [...modules],
    },
    onProgress: ({ step }) => {
      if (step === 1) firstStepAt = performance.now()
    },
  })
  const seconds = (performance.now() - started) / 1000
  speedRows.push({
    modules: modules.join(','),
    steps: result.stepsRun,
    'wall s': Number(seconds.toFixed(1)),
    'ms / step (after the first)': Math.round((performance.now() - firstStepAt) / (result.stepsRun - 1)),
    'tokens / s': Math.round((result.stepsRun * 16 * 128) / seconds),
    '≤ 60 s': seconds <= 60 ? 'yes' : 'no',
  })
}

// ------------------------------------------------------------------ 2. influence quality
const SEQ_LEN = 48
const task = factsTask()
const options = {
  rank: 8,
  steps: 60,
  batch: 8,
  seqLen: SEQ_LEN,
  lr: 3e-3,
  evalEvery: 1000,
  patience: 0,
  seed: 3,
}
const rowSequences = task.rows.map((r) => tokenizeRow(model.tokenizer, r.content))
const querySequences = task.queries.map((q) => tokenizeRow(model.tokenizer, q.content))
const full = await fineTune({
  weights: model.weights,
  sequences: rowSequences,
  options: { ...options, checkpoints: 3, evalFraction: 0.05 },
})
const features = await computeInfluenceFeatures({
  weights: model.weights,
  result: full,
  seqLen: SEQ_LEN,
  rows: task.rows,
  sequences: rowSequences,
})
const scorer = await TrainingSession.create(model.weights, {
  batch: 1,
  ...features.training,
  modules: full.modules,
})
const evaluator = await TrainingSession.create(model.weights, {
  batch: 8,
  seqLen: SEQ_LEN,
  rank: full.rank,
  alpha: full.alpha,
  modules: full.modules,
})
const queryLoss = async (state: typeof full.state) =>
  Promise.all(querySequences.map((q) => evalLoss(evaluator, state, [q])))
const predicted: number[][] = [] // [query][contributor]
for (const q of querySequences) {
  const scores = await scoreInfluence(scorer, features, q)
  predicted.push(
    FACTS.map((_, fact) => task.rows.reduce((s, row, i) => s + (row.fact === fact ? scores[i]! : 0), 0)),
  )
}
// Leave-one-contributor-out truth: retrain without each contributor and measure each query's loss change,
// averaged over four training seeds (retraining noise is of the order of the non-sources' true effect).
const LOO_SEEDS = [3, 4, 5, 6]
const actual: number[][] = querySequences.map(() => FACTS.map(() => 0))
for (const seed of LOO_SEEDS) {
  const trainOptions = { ...options, seed, evalFraction: 0.05 }
  const reference = await fineTune({ weights: model.weights, sequences: rowSequences, options: trainOptions })
  const referenceLosses = await queryLoss(reference.state)
  for (const [fact] of FACTS.entries()) {
    const kept = task.rows.flatMap((row, i) => (row.fact === fact ? [] : [rowSequences[i]!]))
    const without = await fineTune({ weights: model.weights, sequences: kept, options: trainOptions })
    const losses = await queryLoss(without.state)
    for (const [q, loss] of losses.entries())
      actual[q]![fact]! += (loss - referenceLosses[q]!) / LOO_SEEDS.length
  }
}
await scorer.release()
await evaluator.release()

const ranks = (xs: number[]) => {
  const order = xs.map((x, i) => [x, i] as const).sort((a, b) => a[0] - b[0])
  const r = new Array<number>(xs.length)
  order.forEach(([, i], rank) => {
    r[i] = rank
  })
  return r
}
const pearson = (a: number[], b: number[]) => {
  const mean = (xs: number[]) => xs.reduce((s, x) => s + x, 0) / xs.length
  const [ma, mb] = [mean(a), mean(b)]
  let num = 0
  let da = 0
  let db = 0
  for (let i = 0; i < a.length; i++) {
    num += (a[i]! - ma) * (b[i]! - mb)
    da += (a[i]! - ma) ** 2
    db += (b[i]! - mb) ** 2
  }
  return num / Math.sqrt(da * db)
}
const spearman = (a: number[], b: number[]) => pearson(ranks(a), ranks(b))
const perQuery = predicted.map((p, q) => spearman(p, actual[q]!))
const pooled = spearman(predicted.flat(), actual.flat())
const argmax = (xs: number[]) => xs.indexOf(Math.max(...xs))
const top1 = predicted.filter((p, q) => argmax(p) === argmax(actual[q]!)).length / predicted.length
const truth = predicted.filter((p, q) => argmax(p) === task.queries[q]!.fact).length / predicted.length

console.log('\nModelFactory (stories260K, onnxruntime CPU, one run)\n')
console.table(speedRows)
const meanPerQuery = perQuery.reduce((sum, x) => sum + x, 0) / perQuery.length
// Attribution splits one answer's fee between its contributors, so the target is on each answer's ranking of
// the contributors (per query); the pooled figure mixes answers whose loss changes differ in scale.
console.table([
  {
    metric: 'Spearman per answer, influence vs leave-one-contributor-out loss change (mean of 12)',
    value: meanPerQuery.toFixed(3),
    target: '≥ 0.7',
    met: meanPerQuery >= 0.7 ? 'yes' : 'no',
  },
  {
    metric: 'Spearman pooled over all answers × contributors',
    value: pooled.toFixed(3),
    target: '',
    met: '',
  },
  {
    metric: 'top-1 contributor agrees with leave-one-out',
    value: `${(top1 * 100).toFixed(0)}%`,
    target: '≥ 90%',
    met: top1 >= 0.9 ? 'yes' : 'no',
  },
  {
    metric: 'top-1 contributor is the fact’s source',
    value: `${(truth * 100).toFixed(0)}%`,
    target: '',
    met: '',
  },
  {
    metric: 'held-out loss: base → tuned',
    value: `${full.baseEvalLoss.toFixed(3)} → ${full.bestEvalLoss.toFixed(3)}`,
    target: '',
    met: '',
  },
])
console.log(
  `${task.rows.length} training rows (4 contributors), ${task.queries.length} held-out queries, k = ${features.k}, ${features.checkpoints.length} checkpoints.`,
)
