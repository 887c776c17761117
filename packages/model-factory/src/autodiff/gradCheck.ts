import { createRandom } from '@openledger/lora-host'
import { InferenceSession, Tensor } from 'onnxruntime-node'
import { mul } from './elementwise.js'
import { reduceSum } from './reduce.js'
import { sizeOf } from './shapes.js'
import { Tape, type Value } from './Tape.js'

export type GradCheckParameters = {
  /** Shapes of the differentiable inputs. */
  shapes: readonly (readonly number[])[]
  /** Builds the op under test from the inputs. */
  build: (tape: Tape, inputs: Value[]) => Value
  /** Input values; default: seeded uniform in [-1, 1). */
  values?: Float64Array[]
  seed?: number
  /** Central-difference step (default 1e-6). */
  epsilon?: number
}

export type GradCheckResult = {
  /** The largest |analytic − numeric| / max(1, |numeric|) over every input element. */
  maxError: number
  analytic: Float64Array[]
  numeric: Float64Array[]
}

/**
 * Checks an op's backward pass against central finite differences, in float64: the loss is Σ(out ⊙ R) for a
 * fixed random R, so the gradient flowing into the op is R. Runs the tape's graph with onnxruntime.
 *
 * @example
 * const { maxError } = await gradCheck({ shapes: [[3, 4]], build: (t, [x]) => sigmoid(t, x!) })
 */
export async function gradCheck(parameters: GradCheckParameters): Promise<GradCheckResult> {
  const { shapes, build, seed = 1, epsilon = 1e-6 } = parameters
  const random = createRandom(seed)
  const tape = new Tape('double')
  const inputs = shapes.map((shape, i) => tape.input(`x${i}`, shape, { grad: true }))
  const out = build(tape, inputs)
  const weights = tape.constant(
    Array.from({ length: sizeOf(out.shape) }, () => random() * 2 - 1),
    out.shape,
  )
  const loss = reduceSum(tape, mul(tape, out, weights))
  const grads = tape.gradients(loss, inputs)
  tape.output(loss, 'loss')
  for (const [i, g] of grads.entries()) tape.output(g, `grad${i}`)
  const session = await InferenceSession.create(tape.encode())
  const values =
    parameters.values ??
    shapes.map((shape) => Float64Array.from({ length: sizeOf(shape) }, () => random() * 2 - 1))
  const feeds = (vs: Float64Array[]) =>
    Object.fromEntries(vs.map((v, i) => [`x${i}`, new Tensor('float64', v, [...shapes[i]!])]))
  const run = async (vs: Float64Array[]) => session.run(feeds(vs))
  const result = await run(values)
  const analytic = grads.map((_, i) => Float64Array.from(result[`grad${i}`]!.data as Float64Array))
  const lossAt = async (vs: Float64Array[]) => ((await run(vs)).loss!.data as Float64Array)[0]!
  const numeric: Float64Array[] = []
  let maxError = 0
  for (const [i, v] of values.entries()) {
    const n = new Float64Array(v.length)
    for (let j = 0; j < v.length; j++) {
      const plus = values.map((x) => Float64Array.from(x))
      const minus = values.map((x) => Float64Array.from(x))
      plus[i]![j]! += epsilon
      minus[i]![j]! -= epsilon
      n[j] = ((await lossAt(plus)) - (await lossAt(minus))) / (2 * epsilon)
      maxError = Math.max(maxError, Math.abs(n[j]! - analytic[i]![j]!) / Math.max(1, Math.abs(n[j]!)))
    }
    numeric.push(n)
  }
  await session.release()
  return { maxError, analytic, numeric }
}
