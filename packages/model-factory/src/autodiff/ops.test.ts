import { describe, expect, test } from 'vitest'
import { add, exp, log, mul, neg, reciprocal, scale, sigmoid, sqrt, sub } from './elementwise.js'
import { gradCheck } from './gradCheck.js'
import { matmul } from './matmul.js'
import { logSoftmax, pickLast, softmax } from './nn.js'
import { reduceMean, reduceSum } from './reduce.js'
import { concat, expand, reshape, split, transpose } from './shape.js'
import type { Tape, Value } from './Tape.js'

const TOLERANCE = 1e-7

type Case = [name: string, shapes: number[][], build: (t: Tape, x: Value[]) => Value, values?: Float64Array[]]

/** Inputs kept away from 0 where the op has a pole or a kink there. */
const positive = (n: number, seed = 3) =>
  Float64Array.from({ length: n }, (_, i) => 0.5 + ((i * 7 + seed) % 11) / 10)

const cases: Case[] = [
  ['add (broadcast a row)', [[3, 4], [4]], (t, [a, b]) => add(t, a!, b!)],
  [
    'add (broadcast a column)',
    [
      [2, 3, 4],
      [3, 1],
    ],
    (t, [a, b]) => add(t, a!, b!),
  ],
  [
    'sub (broadcast)',
    [
      [2, 3],
      [1, 3],
    ],
    (t, [a, b]) => sub(t, a!, b!),
  ],
  ['mul (broadcast)', [[2, 3, 4], [4]], (t, [a, b]) => mul(t, a!, b!)],
  ['mul (the same value twice)', [[5]], (t, [a]) => mul(t, a!, a!)],
  ['scale', [[3, 2]], (t, [a]) => scale(t, a!, -2.5)],
  ['neg', [[4]], (t, [a]) => neg(t, a!)],
  ['sigmoid', [[3, 4]], (t, [a]) => sigmoid(t, a!)],
  ['exp', [[6]], (t, [a]) => exp(t, a!)],
  ['log', [[6]], (t, [a]) => log(t, a!), [positive(6)]],
  ['sqrt', [[6]], (t, [a]) => sqrt(t, a!), [positive(6)]],
  ['reciprocal', [[6]], (t, [a]) => reciprocal(t, a!), [positive(6)]],
  [
    'matmul 2-D',
    [
      [3, 4],
      [4, 5],
    ],
    (t, [a, b]) => matmul(t, a!, b!),
  ],
  [
    'matmul batched × 2-D (a LoRA down-projection)',
    [
      [2, 3, 4],
      [4, 2],
    ],
    (t, [a, b]) => matmul(t, a!, b!),
  ],
  [
    'matmul batched × batched',
    [
      [2, 2, 3, 4],
      [2, 2, 4, 3],
    ],
    (t, [a, b]) => matmul(t, a!, b!),
  ],
  [
    'matmul broadcasting a batch axis',
    [
      [2, 1, 3, 4],
      [1, 2, 4, 2],
    ],
    (t, [a, b]) => matmul(t, a!, b!),
  ],
  ['reduceSum all', [[3, 4]], (t, [a]) => reduceSum(t, a!)],
  ['reduceSum one axis, keepdims', [[2, 3, 4]], (t, [a]) => reduceSum(t, a!, [1], true)],
  ['reduceMean last axis', [[2, 3, 4]], (t, [a]) => reduceMean(t, a!, [-1], true)],
  ['reduceMean two axes', [[2, 3, 4]], (t, [a]) => reduceMean(t, a!, [0, 2], false)],
  ['reshape', [[2, 6]], (t, [a]) => reshape(t, a!, [3, -1])],
  ['transpose', [[2, 3, 4]], (t, [a]) => transpose(t, a!, [2, 0, 1])],
  [
    'concat',
    [
      [2, 3],
      [2, 1],
    ],
    (t, [a, b]) => concat(t, [a!, b!], -1),
  ],
  [
    'split (both halves used)',
    [[2, 4]],
    (t, [a]) => {
      const [x, y] = split(t, a!, [1, 3], 1)
      return mul(t, x!, reduceSum(t, y!, [1], true))
    },
  ],
  ['split (one half unused)', [[2, 4]], (t, [a]) => split(t, a!, [3, 1], 1)[0]!],
  ['expand', [[3, 1]], (t, [a]) => expand(t, a!, [2, 3, 4])],
  ['softmax', [[2, 5]], (t, [a]) => softmax(t, a!)],
  ['softmax on a middle axis', [[2, 3, 2]], (t, [a]) => softmax(t, a!, 1)],
  ['logSoftmax', [[3, 5]], (t, [a]) => logSoftmax(t, a!)],
  [
    'pickLast (a cross-entropy pick)',
    [[2, 3, 5]],
    (t, [a]) =>
      pickLast(
        t,
        logSoftmax(t, a!),
        t.op({
          type: 'Cast',
          inputs: [t.constant([0, 4, 2, 1, 3, 0], [2, 3, 1])],
          attributes: { to: 7 },
          outputShapes: [[2, 3, 1]],
          outputType: 'int64',
        }),
      ),
  ],
]

describe("every op's backward pass matches central finite differences (float64)", () => {
  test.each(cases)('%s', async (_name, shapes, build, values) => {
    const { maxError, analytic } = await gradCheck({ shapes, build, ...(values ? { values } : {}) })
    expect(maxError).toBeLessThan(TOLERANCE)
    // A gradient that is zero everywhere would pass trivially: each of these ops has a non-zero one.
    expect(analytic.every((g) => g.some((x) => Math.abs(x) > 1e-3))).toBe(true)
  })
})

test('a composite: RMS normalisation through sqrt, reciprocal, mean and broadcasting', async () => {
  const { maxError } = await gradCheck({
    shapes: [[2, 3, 4], [4]],
    build: (t, [x, w]) => {
      const meanSquare = reduceMean(t, mul(t, x!, x!), [-1], true)
      const inverse = reciprocal(t, sqrt(t, add(t, meanSquare, t.scalar(1e-5))))
      return mul(t, mul(t, x!, inverse), w!)
    },
  })
  expect(maxError).toBeLessThan(TOLERANCE)
})

test('the check itself fails on a wrong gradient', async () => {
  const wrong = (t: Tape, [a]: Value[]) =>
    t.op({
      type: 'Sigmoid',
      inputs: [a!],
      outputShapes: [a!.shape],
      vjp: (_tape, [g]) => [g!], // pretends dy/dx = 1
    })
  const { maxError } = await gradCheck({ shapes: [[4]], build: wrong })
  expect(maxError).toBeGreaterThan(0.1)
})
