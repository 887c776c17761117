import { GraphBuilder } from '@openledger/lora-host'
import { TapeShapeError } from './errors.js'
import { broadcastShape } from './shapes.js'

/** The float type a tape computes in: float32 to train, float64 to check gradients. */
export type FloatType = 'float' | 'double'

/** A tensor in the graph being built: its ONNX name, static shape and element type. */
export type Value = {
  readonly name: string
  readonly shape: readonly number[]
  readonly type: FloatType | 'int64'
  /** Whether a gradient flows to it (it depends on an input that wants one). */
  readonly grad: boolean
}

/**
 * A vector-Jacobian product: given the gradient of the loss with respect to each output (undefined where none
 * flows), emits the ops computing the gradient with respect to each input (undefined where none is needed).
 */
export type Vjp = (tape: Tape, outputGrads: readonly (Value | undefined)[]) => (Value | undefined)[]

type Node = { inputs: readonly Value[]; outputs: readonly Value[]; vjp: Vjp | undefined }

export type RecordParameters = {
  type: string
  inputs: readonly Value[]
  /** ONNX inputs after the values (shape tensors, axes), by name. */
  extraInputs?: readonly string[]
  outputShapes: readonly (readonly number[])[]
  attributes?: Record<string, number | number[]>
  /** Undefined for ops on the backward pass (no second derivatives) or with no differentiable input. */
  vjp?: Vjp
  outputType?: FloatType | 'int64'
}

/**
 * Records a differentiable computation as an ONNX graph (static shapes), and emits its backward pass into the
 * same graph: reverse-mode differentiation where each op contributes its vector-Jacobian product as ONNX ops.
 * onnxruntime then runs forward and backward in one `session.run`.
 *
 * @example
 * const tape = new Tape('float')
 * const x = tape.input('x', [4, 8], { grad: true })
 * const loss = reduceSum(tape, mul(tape, x, x))
 * const [dx] = tape.gradients(loss, [x])
 * tape.output(loss, 'loss'); tape.output(dx!, 'dx')
 * const session = await InferenceSession.create(tape.encode())
 */
export class Tape {
  readonly builder = new GraphBuilder()
  private readonly nodes: Node[] = []

  constructor(readonly type: FloatType = 'float') {}

  /** A graph input; `grad: true` makes it something gradients can be taken with respect to. */
  input(name: string, shape: readonly number[], options: { grad?: boolean; type?: 'int64' } = {}): Value {
    const type = options.type ?? this.type
    this.builder.input(name, type, [...shape])
    return { name, shape, type, grad: options.grad === true && type !== 'int64' }
  }

  /** A constant tensor (an initializer): no gradient. */
  constant(data: ArrayLike<number>, shape: readonly number[], prefix = 'const'): Value {
    const values = this.type === 'double' ? Float64Array.from(data) : Float32Array.from(data)
    const name = this.builder.weight(this.builder.name(prefix), [...shape], values)
    return { name, shape, type: this.type, grad: false }
  }

  /** A scalar constant of the tape's float type. */
  scalar(value: number): Value {
    return { name: this.builder.scalar(value, 'scalar', this.type), shape: [], type: this.type, grad: false }
  }

  /** An int64 constant (shapes, axes, indices), by name. */
  ints(values: readonly number[]): string {
    return this.builder.ints(values)
  }

  /** Records one op and returns its outputs. */
  record(parameters: RecordParameters): Value[] {
    const { type, inputs, extraInputs = [], outputShapes, attributes = {}, vjp } = parameters
    const grad = vjp !== undefined && inputs.some((v) => v.grad)
    const names = outputShapes.map(() => this.builder.name(type.toLowerCase()))
    this.builder.opNamed(type, [...inputs.map((v) => v.name), ...extraInputs], names, attributes)
    const outputType =
      parameters.outputType ?? (inputs[0]?.type === 'int64' ? this.type : (inputs[0]?.type ?? this.type))
    const outputs = names.map((name, i) => ({ name, shape: outputShapes[i]!, type: outputType, grad }))
    if (grad) this.nodes.push({ inputs, outputs, vjp })
    return outputs
  }

  /** `record` for an op with one output. */
  op(parameters: RecordParameters): Value {
    return this.record(parameters)[0]!
  }

  /**
   * Emits the backward pass of `loss` (a scalar) and returns its gradient with respect to each of `wrt` (zeros
   * where `loss` does not depend on one). Call once per tape, after the forward pass is recorded.
   */
  gradients(loss: Value, wrt: readonly Value[]): Value[] {
    if (loss.shape.length !== 0)
      throw new TapeShapeError('gradients', `need a scalar loss; its shape is [${loss.shape}]`)
    const grads = new Map<string, Value>([[loss.name, this.constant([1], [], 'one')]])
    const accumulate = (value: Value, grad: Value) => {
      const previous = grads.get(value.name)
      grads.set(
        value.name,
        previous ? this.op({ type: 'Add', inputs: [previous, grad], outputShapes: [value.shape] }) : grad,
      )
    }
    for (const node of [...this.nodes].reverse()) {
      const outputGrads = node.outputs.map((o) => grads.get(o.name))
      if (outputGrads.every((g) => g === undefined)) continue
      const inputGrads = node.vjp!(this, outputGrads)
      node.inputs.forEach((input, i) => {
        const grad = inputGrads[i]
        if (grad && input.grad) accumulate(input, grad)
      })
    }
    return wrt.map((v) => grads.get(v.name) ?? zeros(this, v.shape))
  }

  /** Names a value as a graph output. */
  output(value: Value, name: string): void {
    this.builder.op('Identity', [value.name], {}, name)
    this.builder.output(name, value.type, [...value.shape])
  }

  encode(graphName = 'tape'): Uint8Array {
    return this.builder.encode(graphName)
  }
}

/** A tensor of zeros of `shape`. */
export function zeros(tape: Tape, shape: readonly number[]): Value {
  return tape.op({
    type: 'Expand',
    inputs: [tape.scalar(0)],
    extraInputs: [tape.ints(shape)],
    outputShapes: [shape],
  })
}

/** The shape two operands broadcast to (numpy rules); throws on incompatible shapes. */
export { broadcastShape }
