import onnxProto from 'onnx-proto'

const { onnx } = onnxProto

export type TensorProto = InstanceType<typeof onnx.TensorProto>
export const DataType = onnx.TensorProto.DataType

/** The element types graphs here use: float32 for serving, float64 for gradient checks, int64 for ids. */
export type ElementType = 'float' | 'double' | 'int64'
const elementTypes = { float: DataType.FLOAT, double: DataType.DOUBLE, int64: DataType.INT64 } as const

/**
 * A small ONNX graph builder over onnx-proto: nodes get unique output names, constants become initializers,
 * and `encode()` writes an IR 8 / opset 17 model that onnxruntime loads.
 */
export class GraphBuilder {
  readonly nodes: ReturnType<typeof onnx.NodeProto.create>[] = []
  readonly initializers: ReturnType<typeof onnx.TensorProto.create>[] = []
  readonly inputs: ReturnType<typeof onnx.ValueInfoProto.create>[] = []
  readonly outputs: ReturnType<typeof onnx.ValueInfoProto.create>[] = []
  private counter = 0

  /** A fresh value name with a readable prefix. */
  name(prefix: string): string {
    return `${prefix}_${this.counter++}`
  }

  input(name: string, type: ElementType, dims: (number | string)[]): string {
    this.inputs.push(valueInfo(name, type, dims))
    return name
  }

  output(name: string, type: ElementType, dims: (number | string)[]): void {
    this.outputs.push(valueInfo(name, type, dims))
  }

  /** A float32 (or, from a Float64Array, float64) initializer, as raw little-endian bytes. */
  weight(name: string, dims: number[], data: Float32Array | Float64Array): string {
    const bytes = new Uint8Array(data.buffer, data.byteOffset, data.byteLength)
    const dataType = data instanceof Float64Array ? DataType.DOUBLE : DataType.FLOAT
    this.initializers.push(onnx.TensorProto.create({ name, dataType, dims, rawData: bytes }))
    return name
  }

  ints(values: readonly number[], prefix = 'ints'): string {
    const name = this.name(prefix)
    this.initializers.push(
      onnx.TensorProto.create({
        name,
        dataType: DataType.INT64,
        dims: [values.length],
        int64Data: [...values],
      }),
    )
    return name
  }

  scalar(value: number, prefix = 'scalar', type: 'float' | 'double' = 'float'): string {
    const data = type === 'double' ? new Float64Array([value]) : new Float32Array([value])
    return this.weight(this.name(prefix), [], data)
  }

  /** Adds a node and returns its (single) output name. */
  op(
    type: string,
    inputs: string[],
    attributes: Record<string, number | number[]> = {},
    output?: string,
  ): string {
    const out = output ?? this.name(type.toLowerCase())
    this.nodes.push(
      onnx.NodeProto.create({
        opType: type,
        input: inputs,
        output: [out],
        name: `${out}_node`,
        attribute: attrs(attributes),
      }),
    )
    return out
  }

  /** Adds a node with several outputs. */
  opMulti(
    type: string,
    inputs: string[],
    outputCount: number,
    attributes: Record<string, number | number[]> = {},
  ) {
    const outs = Array.from({ length: outputCount }, () => this.name(type.toLowerCase()))
    this.nodes.push(
      onnx.NodeProto.create({
        opType: type,
        input: inputs,
        output: outs,
        name: `${outs[0]}_node`,
        attribute: attrs(attributes),
      }),
    )
    return outs
  }

  /** Adds a node whose output names are given (for ops with several outputs, or fixed names). */
  opNamed(
    type: string,
    inputs: string[],
    outputs: string[],
    attributes: Record<string, number | number[]> = {},
  ): string[] {
    this.nodes.push(
      onnx.NodeProto.create({
        opType: type,
        input: inputs,
        output: outputs,
        name: `${outputs[0]}_node`,
        attribute: attrs(attributes),
      }),
    )
    return outputs
  }

  encode(graphName: string): Uint8Array {
    const model = onnx.ModelProto.create({
      irVersion: 8,
      producerName: 'openledger-lora-host',
      opsetImport: [{ domain: '', version: 17 }],
      graph: onnx.GraphProto.create({
        name: graphName,
        node: this.nodes,
        initializer: this.initializers,
        input: this.inputs,
        output: this.outputs,
      }),
    })
    return onnx.ModelProto.encode(model).finish()
  }
}

function valueInfo(name: string, type: ElementType, dims: (number | string)[]) {
  return onnx.ValueInfoProto.create({
    name,
    type: {
      tensorType: {
        elemType: elementTypes[type],
        shape: { dim: dims.map((d) => (typeof d === 'number' ? { dimValue: d } : { dimParam: d })) },
      },
    },
  })
}

// Attributes are integers only (axis, perm, keepdims…); float constants go in as initializers.
function attrs(attributes: Record<string, number | number[]>) {
  const Type = onnx.AttributeProto.AttributeType
  return Object.entries(attributes).map(([name, value]) =>
    Array.isArray(value)
      ? onnx.AttributeProto.create({ name, type: Type.INTS, ints: value })
      : onnx.AttributeProto.create({ name, type: Type.INT, i: value }),
  )
}
