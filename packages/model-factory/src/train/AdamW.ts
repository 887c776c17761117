import { TrainingStepInputError } from './errors.js'
import type { LoraState } from './TrainingSession.js'

export type AdamWOptions = {
  beta1?: number
  beta2?: number
  epsilon?: number
  /** Decoupled weight decay (Loshchilov & Hutter), applied as θ ← θ − lr·λ·θ. Default 0. */
  weightDecay?: number
  /** Clip the global gradient norm to this (default 1, as Hugging Face's Trainer); 0 turns it off. */
  maxGradNorm?: number
}

/**
 * AdamW over a LoRA state, in float64 moments: m ← β1 m + (1 − β1) g, v ← β2 v + (1 − β2) g², θ ← θ − lr (m̂ /
 * (√v̂ + ε) + λ θ), with bias correction and global-norm gradient clipping.
 *
 * @example
 * const optimizer = new AdamW()
 * optimizer.step(state, grads, 2e-3)
 */
export class AdamW {
  private readonly m = new Map<string, Float64Array>()
  private readonly v = new Map<string, Float64Array>()
  private t = 0
  private readonly beta1: number
  private readonly beta2: number
  private readonly epsilon: number
  private readonly weightDecay: number
  private readonly maxGradNorm: number

  constructor(options: AdamWOptions = {}) {
    this.beta1 = options.beta1 ?? 0.9
    this.beta2 = options.beta2 ?? 0.999
    this.epsilon = options.epsilon ?? 1e-8
    this.weightDecay = options.weightDecay ?? 0
    this.maxGradNorm = options.maxGradNorm ?? 1
  }

  /** Updates `state` in place from `grads`; returns the gradient norm before clipping. */
  step(state: LoraState, grads: ReadonlyMap<string, ArrayLike<number>>, lr: number): number {
    this.t++
    let squares = 0
    for (const g of grads.values()) for (let i = 0; i < g.length; i++) squares += g[i]! * g[i]!
    const norm = Math.sqrt(squares)
    const clip = this.maxGradNorm > 0 && norm > this.maxGradNorm ? this.maxGradNorm / norm : 1
    const correction1 = 1 - this.beta1 ** this.t
    const correction2 = 1 - this.beta2 ** this.t
    for (const [name, theta] of state) {
      const g = grads.get(name)
      if (!g) throw new TrainingStepInputError(`no gradient for ${name}`)
      const m = this.moment(this.m, name, theta.length)
      const v = this.moment(this.v, name, theta.length)
      for (let i = 0; i < theta.length; i++) {
        const gi = g[i]! * clip
        m[i] = this.beta1 * m[i]! + (1 - this.beta1) * gi
        v[i] = this.beta2 * v[i]! + (1 - this.beta2) * gi * gi
        const update = m[i]! / correction1 / (Math.sqrt(v[i]! / correction2) + this.epsilon)
        theta[i] = theta[i]! - lr * (update + this.weightDecay * theta[i]!)
      }
    }
    return norm
  }

  private moment(moments: Map<string, Float64Array>, name: string, length: number): Float64Array {
    const existing = moments.get(name)
    if (existing) return existing
    const moment = new Float64Array(length)
    moments.set(name, moment)
    return moment
  }
}
