import { broadcastAxes, broadcastShape } from './shapes.js'
import type { Tape, Value } from './Tape.js'

/** Sums a gradient over the axes a broadcast expanded, back to `shape`. */
export function unbroadcast(tape: Tape, grad: Value, shape: readonly number[]): Value {
  const axes = broadcastAxes(shape, grad.shape)
  if (axes.length === 0) return grad
  const kept = grad.shape.map((d, i) => (axes.includes(i) ? 1 : d))
  const summed = tape.op({
    type: 'ReduceSum',
    inputs: [grad],
    extraInputs: [tape.ints(axes)],
    attributes: { keepdims: 1 },
    outputShapes: [kept],
  })
  return kept.length === shape.length ? summed : reshapeTo(tape, summed, shape)
}

/** A Reshape on the backward pass (no gradient of its own). */
export function reshapeTo(tape: Tape, value: Value, shape: readonly number[]): Value {
  return tape.op({ type: 'Reshape', inputs: [value], extraInputs: [tape.ints(shape)], outputShapes: [shape] })
}

const plain = (tape: Tape, type: string, inputs: Value[], shape: readonly number[]) =>
  tape.op({ type, inputs, outputShapes: [shape] })

function binary(
  tape: Tape,
  type: 'Add' | 'Sub' | 'Mul' | 'Div',
  a: Value,
  b: Value,
  vjp: (g: Value) => [Value, Value],
) {
  return tape.op({
    type,
    inputs: [a, b],
    outputShapes: [broadcastShape(a.shape, b.shape)],
    vjp: (t, [g]) => {
      const [ga, gb] = vjp(g!)
      return [
        a.grad ? unbroadcast(t, ga, a.shape) : undefined,
        b.grad ? unbroadcast(t, gb, b.shape) : undefined,
      ]
    },
  })
}

/** a + b (broadcasting). */
export function add(tape: Tape, a: Value, b: Value): Value {
  return binary(tape, 'Add', a, b, (g) => [g, g])
}

/** a − b (broadcasting). */
export function sub(tape: Tape, a: Value, b: Value): Value {
  return binary(tape, 'Sub', a, b, (g) => [g, plain(tape, 'Neg', [g], g.shape)])
}

/** a · b elementwise (broadcasting). */
export function mul(tape: Tape, a: Value, b: Value): Value {
  return binary(tape, 'Mul', a, b, (g) => [
    plain(tape, 'Mul', [g, b], g.shape),
    plain(tape, 'Mul', [g, a], g.shape),
  ])
}

/** a · c for a constant c. */
export function scale(tape: Tape, a: Value, c: number): Value {
  return mul(tape, a, tape.scalar(c))
}

/** −a. */
export function neg(tape: Tape, a: Value): Value {
  return tape.op({
    type: 'Neg',
    inputs: [a],
    outputShapes: [a.shape],
    vjp: (t, [g]) => [plain(t, 'Neg', [g!], a.shape)],
  })
}

/** 1 / (1 + e^−a). */
export function sigmoid(tape: Tape, a: Value): Value {
  const y: Value = tape.op({
    type: 'Sigmoid',
    inputs: [a],
    outputShapes: [a.shape],
    // dy/da = y (1 − y)
    vjp: (t, [g]) => {
      const oneMinus = plain(t, 'Sub', [t.scalar(1), y], a.shape)
      return [plain(t, 'Mul', [plain(t, 'Mul', [g!, y], a.shape), oneMinus], a.shape)]
    },
  })
  return y
}

/** e^a. */
export function exp(tape: Tape, a: Value): Value {
  const y: Value = tape.op({
    type: 'Exp',
    inputs: [a],
    outputShapes: [a.shape],
    vjp: (t, [g]) => [plain(t, 'Mul', [g!, y], a.shape)],
  })
  return y
}

/** ln a. */
export function log(tape: Tape, a: Value): Value {
  return tape.op({
    type: 'Log',
    inputs: [a],
    outputShapes: [a.shape],
    vjp: (t, [g]) => [plain(t, 'Div', [g!, a], a.shape)],
  })
}

/** √a. */
export function sqrt(tape: Tape, a: Value): Value {
  const y: Value = tape.op({
    type: 'Sqrt',
    inputs: [a],
    outputShapes: [a.shape],
    // dy/da = 1 / (2 y)
    vjp: (t, [g]) => [plain(t, 'Div', [plain(t, 'Mul', [g!, t.scalar(0.5)], a.shape), y], a.shape)],
  })
  return y
}

/** 1 / a. */
export function reciprocal(tape: Tape, a: Value): Value {
  const y: Value = tape.op({
    type: 'Reciprocal',
    inputs: [a],
    outputShapes: [a.shape],
    // dy/da = −y²
    vjp: (t, [g]) => [
      plain(t, 'Neg', [plain(t, 'Mul', [plain(t, 'Mul', [g!, y], a.shape), y], a.shape)], a.shape),
    ],
  })
  return y
}
