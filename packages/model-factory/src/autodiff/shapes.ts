import { TapeShapeError } from './errors.js'

/** The shape two operands broadcast to, by numpy's rules; throws on incompatible shapes. */
export function broadcastShape(a: readonly number[], b: readonly number[]): number[] {
  const rank = Math.max(a.length, b.length)
  const out: number[] = []
  for (let i = 0; i < rank; i++) {
    const x = a[a.length - rank + i] ?? 1
    const y = b[b.length - rank + i] ?? 1
    if (x !== y && x !== 1 && y !== 1)
      throw new TapeShapeError('broadcast', `of shapes [${a}] and [${b}] is impossible`)
    out.push(Math.max(x, y))
  }
  return out
}

/** The number of elements of a shape. */
export const sizeOf = (shape: readonly number[]) => shape.reduce((n, d) => n * d, 1)

/** `axis` counted from the front (a negative axis counts from the back). */
export const normalizeAxis = (axis: number, rank: number) => (axis < 0 ? axis + rank : axis)

/** The axes a broadcast expanded from `from` to reach `to`: summing over them undoes it. */
export function broadcastAxes(from: readonly number[], to: readonly number[]): number[] {
  const lead = to.length - from.length
  const axes: number[] = []
  for (let i = 0; i < to.length; i++) if (i < lead || (from[i - lead] === 1 && to[i] !== 1)) axes.push(i)
  return axes
}
