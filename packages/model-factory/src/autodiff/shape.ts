import { reshapeTo, unbroadcast } from './elementwise.js'
import { TapeShapeError } from './errors.js'
import { normalizeAxis, sizeOf } from './shapes.js'
import type { Tape, Value } from './Tape.js'

/** The same data as `shape` (one dimension may be −1). */
export function reshape(tape: Tape, a: Value, shape: readonly number[]): Value {
  const known = shape.filter((d) => d !== -1)
  const resolved = shape.map((d) => (d === -1 ? sizeOf(a.shape) / sizeOf(known) : d))
  if (sizeOf(resolved) !== sizeOf(a.shape))
    throw new TapeShapeError('reshape', `cannot turn [${a.shape}] into [${shape}]`)
  return tape.op({
    type: 'Reshape',
    inputs: [a],
    extraInputs: [tape.ints(resolved)],
    outputShapes: [resolved],
    vjp: (t, [g]) => [reshapeTo(t, g!, a.shape)],
  })
}

/** Permutes the axes. */
export function transpose(tape: Tape, a: Value, perm: readonly number[]): Value {
  const inverse = perm.map((_, i) => perm.indexOf(i))
  return tape.op({
    type: 'Transpose',
    inputs: [a],
    attributes: { perm: [...perm] },
    outputShapes: [perm.map((p) => a.shape[p]!)],
    vjp: (t, [g]) => [
      t.op({ type: 'Transpose', inputs: [g!], attributes: { perm: inverse }, outputShapes: [a.shape] }),
    ],
  })
}

/** Joins values along `axis`. */
export function concat(tape: Tape, values: readonly Value[], axis: number): Value {
  const rank = values[0]!.shape.length
  const ax = normalizeAxis(axis, rank)
  const sizes = values.map((v) => v.shape[ax]!)
  const shape = values[0]!.shape.map((d, i) => (i === ax ? sizes.reduce((a, b) => a + b, 0) : d))
  return tape.op({
    type: 'Concat',
    inputs: values,
    attributes: { axis: ax },
    outputShapes: [shape],
    vjp: (t, [g]) =>
      t.record({
        type: 'Split',
        inputs: [g!],
        extraInputs: [t.ints(sizes)],
        attributes: { axis: ax },
        outputShapes: values.map((v) => v.shape),
      }),
  })
}

/** Splits `a` along `axis` into pieces of `sizes`. */
export function split(tape: Tape, a: Value, sizes: readonly number[], axis: number): Value[] {
  const ax = normalizeAxis(axis, a.shape.length)
  const shapes = sizes.map((size) => a.shape.map((d, i) => (i === ax ? size : d)))
  return tape.record({
    type: 'Split',
    inputs: [a],
    extraInputs: [tape.ints(sizes)],
    attributes: { axis: ax },
    outputShapes: shapes,
    vjp: (t, grads) => {
      const filled = grads.map(
        (g, i) =>
          g ??
          t.op({
            type: 'Expand',
            inputs: [t.scalar(0)],
            extraInputs: [t.ints(shapes[i]!)],
            outputShapes: [shapes[i]!],
          }),
      )
      return [t.op({ type: 'Concat', inputs: filled, attributes: { axis: ax }, outputShapes: [a.shape] })]
    },
  })
}

/** Repeats `a` (broadcasting its size-1 axes) to `shape`. */
export function expand(tape: Tape, a: Value, shape: readonly number[]): Value {
  return tape.op({
    type: 'Expand',
    inputs: [a],
    extraInputs: [tape.ints(shape)],
    outputShapes: [shape],
    vjp: (t, [g]) => [unbroadcast(t, g!, a.shape)],
  })
}
