import { normalizeAxis } from './shapes.js'
import type { Tape, Value } from './Tape.js'

const keptShape = (shape: readonly number[], axis: number) => shape.map((d, i) => (i === axis ? 1 : d))

function sumKept(t: Tape, v: Value, axis: number): Value {
  return t.op({
    type: 'ReduceSum',
    inputs: [v],
    extraInputs: [t.ints([axis])],
    attributes: { keepdims: 1 },
    outputShapes: [keptShape(v.shape, axis)],
  })
}

/** Softmax over `axis`; dx = y ⊙ (g − Σ(g ⊙ y)). */
export function softmax(tape: Tape, a: Value, axis = -1): Value {
  const ax = normalizeAxis(axis, a.shape.length)
  const y: Value = tape.op({
    type: 'Softmax',
    inputs: [a],
    attributes: { axis: ax },
    outputShapes: [a.shape],
    vjp: (t, [g]) => {
      const gy = t.op({ type: 'Mul', inputs: [g!, y], outputShapes: [a.shape] })
      const centered = t.op({ type: 'Sub', inputs: [g!, sumKept(t, gy, ax)], outputShapes: [a.shape] })
      return [t.op({ type: 'Mul', inputs: [y, centered], outputShapes: [a.shape] })]
    },
  })
  return y
}

/** Log-softmax over `axis`; dx = g − softmax(x) ⊙ Σg. */
export function logSoftmax(tape: Tape, a: Value, axis = -1): Value {
  const ax = normalizeAxis(axis, a.shape.length)
  const y: Value = tape.op({
    type: 'LogSoftmax',
    inputs: [a],
    attributes: { axis: ax },
    outputShapes: [a.shape],
    vjp: (t, [g]) => {
      const probabilities = t.op({ type: 'Exp', inputs: [y], outputShapes: [a.shape] })
      const scaled = t.op({
        type: 'Mul',
        inputs: [probabilities, sumKept(t, g!, ax)],
        outputShapes: [a.shape],
      })
      return [t.op({ type: 'Sub', inputs: [g!, scaled], outputShapes: [a.shape] })]
    },
  })
  return y
}

/**
 * Picks `a[..., indices[...]]` along the last axis (ONNX GatherElements with `indices` of `a`'s shape but 1 on
 * the last axis). The gradient scatters back into zeros; `indices` (int64) gets none.
 */
export function pickLast(tape: Tape, a: Value, indices: Value): Value {
  const axis = a.shape.length - 1
  const shape = keptShape(a.shape, axis)
  return tape.op({
    type: 'GatherElements',
    inputs: [a, indices],
    attributes: { axis },
    outputShapes: [shape],
    vjp: (t, [g]) => {
      const zeros = t.op({
        type: 'Expand',
        inputs: [t.scalar(0)],
        extraInputs: [t.ints(a.shape)],
        outputShapes: [a.shape],
      })
      return [
        t.op({
          type: 'ScatterElements',
          inputs: [zeros, indices, g!],
          attributes: { axis },
          outputShapes: [a.shape],
        }),
        undefined,
      ]
    },
  })
}

/** Rows of a constant table by int64 ids (an embedding lookup); the table gets no gradient. */
export function gatherRows(tape: Tape, table: Value, ids: Value): Value {
  return tape.op({
    type: 'Gather',
    inputs: [table, ids],
    attributes: { axis: 0 },
    outputShapes: [[...ids.shape, ...table.shape.slice(1)]],
    outputType: table.type,
  })
}
