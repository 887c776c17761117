import { createRandom } from '@openledger/lora-host'
import type { LoraState } from './TrainingSession.js'

/**
 * A fresh adapter as PEFT initialises one: each A uniform in ±1/√in (Kaiming-uniform with a = √5), each B zero,
 * so training starts from exactly the base model. Same seed, same numbers.
 *
 * @example
 * const state = initLoraState(session.matrices, 42)
 */
export function initLoraState(
  matrices: readonly { name: string; shape: readonly number[] }[],
  seed: number,
): LoraState {
  const random = createRandom(seed)
  return new Map(
    matrices.map(({ name, shape }) => {
      const [rows, cols] = shape as [number, number]
      const values = new Float32Array(rows * cols)
      // A is [in, rank] here (graph layout); B is [rank, out] and starts at zero.
      if (name.startsWith('lora_a_')) {
        const bound = 1 / Math.sqrt(rows)
        for (let i = 0; i < values.length; i++) values[i] = (random() * 2 - 1) * bound
      }
      return [name, values]
    }),
  )
}
