import { normalizeAxis, sizeOf } from './shapes.js'
import type { Tape, Value } from './Tape.js'

function reduced(a: Value, axes: readonly number[], keepdims: boolean) {
  const ax = axes.map((axis) => normalizeAxis(axis, a.shape.length))
  const kept = a.shape.map((d, i) => (ax.includes(i) ? 1 : d))
  return { ax, kept, shape: keepdims ? kept : a.shape.filter((_, i) => !ax.includes(i)) }
}

/** Spreads a reduction's gradient back over the reduced axes, times `factor`. */
function spread(t: Tape, g: Value, kept: readonly number[], shape: readonly number[], factor: number): Value {
  const keptGrad = t.op({ type: 'Reshape', inputs: [g], extraInputs: [t.ints(kept)], outputShapes: [kept] })
  const scaled =
    factor === 1
      ? keptGrad
      : t.op({ type: 'Mul', inputs: [keptGrad, t.scalar(factor)], outputShapes: [kept] })
  return t.op({ type: 'Expand', inputs: [scaled], extraInputs: [t.ints(shape)], outputShapes: [shape] })
}

/** Σ over `axes` (all axes by default). */
export function reduceSum(tape: Tape, a: Value, axes?: readonly number[], keepdims = false): Value {
  const { ax, kept, shape } = reduced(a, axes ?? a.shape.map((_, i) => i), keepdims)
  return tape.op({
    type: 'ReduceSum',
    inputs: [a],
    extraInputs: [tape.ints(ax)],
    attributes: { keepdims: keepdims ? 1 : 0 },
    outputShapes: [shape],
    vjp: (t, [g]) => [spread(t, g!, kept, a.shape, 1)],
  })
}

/** The mean over `axes`. */
export function reduceMean(tape: Tape, a: Value, axes: readonly number[], keepdims = false): Value {
  const { ax, kept, shape } = reduced(a, axes, keepdims)
  const count = sizeOf(a.shape) / sizeOf(kept)
  return tape.op({
    type: 'ReduceMean',
    inputs: [a],
    attributes: { axes: ax, keepdims: keepdims ? 1 : 0 },
    outputShapes: [shape],
    vjp: (t, [g]) => [spread(t, g!, kept, a.shape, 1 / count)],
  })
}
