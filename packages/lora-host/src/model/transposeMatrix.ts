/**
 * A row-major [rows, cols] matrix as row-major [cols, rows], in float32. Checkpoints hold linear layers as
 * [out, in] (PyTorch's `nn.Linear.weight`) and LoRA matrices as A [r, in], B [out, r]; graphs multiply
 * activations on the left, so they take the transposes.
 *
 * @example
 * transposeMatrix(new Float32Array([1, 2, 3, 4, 5, 6]), 2, 3) // [1, 4, 2, 5, 3, 6]
 */
export function transposeMatrix(matrix: ArrayLike<number>, rows: number, cols: number): Float32Array {
  const out = new Float32Array(rows * cols)
  for (let r = 0; r < rows; r++) for (let c = 0; c < cols; c++) out[c * rows + r] = matrix[r * cols + c]!
  return out
}
