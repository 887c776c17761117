import { unbroadcast } from './elementwise.js'
import { TapeShapeError } from './errors.js'
import { broadcastShape } from './shapes.js'
import type { Tape, Value } from './Tape.js'

const swapLast = (shape: readonly number[]) => [...shape.slice(0, -2), shape.at(-1)!, shape.at(-2)!]
const permSwapLast = (rank: number) => [...Array.from({ length: rank - 2 }, (_, i) => i), rank - 1, rank - 2]

function transposeLast(t: Tape, v: Value): Value {
  return t.op({
    type: 'Transpose',
    inputs: [v],
    attributes: { perm: permSwapLast(v.shape.length) },
    outputShapes: [swapLast(v.shape)],
  })
}

/**
 * Matrix product of the last two axes, broadcasting the leading ones (ONNX MatMul, both operands at least
 * 2-D). Gradients: dA = G·Bᵀ and dB = Aᵀ·G, summed over broadcast axes.
 */
export function matmul(tape: Tape, a: Value, b: Value): Value {
  if (a.shape.length < 2 || b.shape.length < 2)
    throw new TapeShapeError('matmul', 'takes operands of rank 2 or more')
  if (a.shape.at(-1) !== b.shape.at(-2))
    throw new TapeShapeError('matmul', `of [${a.shape}] and [${b.shape}]`)
  const batch = broadcastShape(a.shape.slice(0, -2), b.shape.slice(0, -2))
  const shape = [...batch, a.shape.at(-2)!, b.shape.at(-1)!]
  return tape.op({
    type: 'MatMul',
    inputs: [a, b],
    outputShapes: [shape],
    vjp: (t, [g]) => {
      const ga = a.grad
        ? unbroadcast(
            t,
            t.op({
              type: 'MatMul',
              inputs: [g!, transposeLast(t, b)],
              outputShapes: [[...batch, ...a.shape.slice(-2)]],
            }),
            a.shape,
          )
        : undefined
      const gb = b.grad
        ? unbroadcast(
            t,
            t.op({
              type: 'MatMul',
              inputs: [transposeLast(t, a), g!],
              outputShapes: [[...batch, ...b.shape.slice(-2)]],
            }),
            b.shape,
          )
        : undefined
      return [ga, gb]
    },
  })
}
