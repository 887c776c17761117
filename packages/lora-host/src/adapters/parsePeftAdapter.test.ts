import { describe, expect, it } from 'vitest'
import { loraModules } from '../model/types.js'
import { readSafetensors, writeSafetensors } from '../safetensors/safetensors.js'
import { type AdapterBase, parsePeftAdapter } from './parsePeftAdapter.js'
import { peftKey } from './peftKey.js'
import { tinyLlamaConfig as config, generatePeftAdapter } from './testing.js'

const base: AdapterBase = { modelId: 'stories260K', config, maxRank: 8 }

function shortMessageOf(run: () => unknown): string {
  try {
    run()
  } catch (error) {
    expect((error as Error).name).toBe('AdapterValidationError')
    return (error as { shortMessage: string }).shortMessage
  }
  throw new Error('expected an AdapterValidationError')
}

/** Rewrites the weights file after `change` edits its tensors. */
function tamper(
  files: { config: Uint8Array; weights: Uint8Array },
  change: (tensors: Record<string, { shape: number[]; data: Float32Array }>) => void,
) {
  const tensors = Object.fromEntries(readSafetensors(files.weights))
  change(tensors)
  return { config: files.config, weights: writeSafetensors(tensors) }
}

const q0A = 'base_model.model.model.layers.0.self_attn.q_proj.lora_A.weight'

describe('parsePeftAdapter', () => {
  it('reads a rank-8 adapter over all seven modules, values and scale exact', () => {
    const files = generatePeftAdapter({ config, rank: 8, alpha: 16, seed: 3 })
    const lora = parsePeftAdapter(files, base)
    expect(lora.rank).toBe(8)
    expect(lora.alpha).toBe(16)
    expect(lora.scale).toBe(2)
    expect(lora.baseModel).toBe('stories260K')
    expect(lora.targetModules).toEqual([...loraModules])
    expect(lora.layers).toHaveLength(5)
    const tensors = readSafetensors(files.weights)
    expect(lora.layers[4]!.down_proj!.a).toEqual(tensors.get(peftKey(4, 'down_proj', 'A'))!.data)
    expect(lora.layers[4]!.down_proj!.a).toHaveLength(8 * 172)
    expect(lora.layers[2]!.k_proj!.b).toEqual(tensors.get(peftKey(2, 'k_proj', 'B'))!.data)
    expect(lora.layers[2]!.k_proj!.b).toHaveLength(32 * 8)
    expect(lora.layers[0]!.gate_proj!.rank).toBe(8)
  })

  it('reads a subset of modules in canonical order, F16 weights, a string config, and all-linear', () => {
    const files = generatePeftAdapter({
      config,
      rank: 2,
      alpha: 1,
      modules: ['v_proj', 'q_proj'],
      dtype: 'F16',
    })
    const lora = parsePeftAdapter(
      { config: new TextDecoder().decode(files.config), weights: files.weights },
      base,
    )
    expect(lora.targetModules).toEqual(['q_proj', 'v_proj'])
    expect(lora.scale).toBe(0.5)
    expect(Object.keys(lora.layers[3]!).sort()).toEqual(['q_proj', 'v_proj'])
    const all = generatePeftAdapter({ config, rank: 1, configOverrides: { target_modules: 'all-linear' } })
    expect(parsePeftAdapter(all, base).targetModules).toEqual([...loraModules])
  })

  it('matches the base model by the last path segment, case-insensitively, and accepts none', () => {
    for (const baseModel of ['karpathy/tinyllamas/Stories260K', '/models/STORIES260K/', null]) {
      expect(parsePeftAdapter(generatePeftAdapter({ config, rank: 1, baseModel }), base).rank).toBe(1)
    }
  })

  it('refuses a bad config, naming what is wrong', () => {
    const bad = (configOverrides: Record<string, unknown>, rank = 4) =>
      shortMessageOf(() => parsePeftAdapter(generatePeftAdapter({ config, rank, configOverrides }), base))
    expect(shortMessageOf(() => parsePeftAdapter(generatePeftAdapter({ config, rank: 16 }), base))).toBe(
      "Invalid PEFT adapter: rank 16 is above the host's maximum rank 8.",
    )
    expect(bad({ target_modules: ['q_proj', 'lm_head', 'embed_tokens'] })).toBe(
      'Invalid PEFT adapter: unknown target module(s) lm_head, embed_tokens (supported: q_proj, k_proj, v_proj, o_proj, gate_proj, up_proj, down_proj).',
    )
    expect(bad({ target_modules: '.*proj' })).toBe(
      'Invalid PEFT adapter: target_modules ".*proj" is a regular expression, which is not supported; list the modules (q_proj, k_proj, v_proj, o_proj, gate_proj, up_proj, down_proj).',
    )
    expect(bad({ target_modules: [] })).toBe('Invalid PEFT adapter: target_modules is empty.')
    expect(bad({ base_model_name_or_path: 'meta-llama/Llama-2-7b-hf' })).toBe(
      'Invalid PEFT adapter: it was trained on base model "meta-llama/Llama-2-7b-hf", but this host serves "stories260K".',
    )
    expect(bad({ r: 0 })).toBe(
      'Invalid PEFT adapter: adapter_config.json field r must be a positive integer.',
    )
    expect(bad({ r: 2.5 })).toBe(
      'Invalid PEFT adapter: adapter_config.json field r must be a positive integer.',
    )
    expect(bad({ lora_alpha: -1 })).toBe(
      'Invalid PEFT adapter: adapter_config.json field lora_alpha must be a positive number.',
    )
    expect(bad({ peft_type: 'IA3' })).toBe(
      'Invalid PEFT adapter: peft_type "IA3" (only "LORA") is not supported.',
    )
    expect(bad({ bias: 'all' })).toBe('Invalid PEFT adapter: bias "all" (only "none") is not supported.')
    expect(bad({ use_dora: true })).toBe('Invalid PEFT adapter: DoRA (use_dora) is not supported.')
    expect(bad({ use_rslora: true })).toBe(
      'Invalid PEFT adapter: rank-stabilized LoRA (use_rslora) is not supported.',
    )
    expect(bad({ modules_to_save: ['lm_head'] })).toBe(
      'Invalid PEFT adapter: modules_to_save (lm_head) is not supported.',
    )
    expect(bad({ layers_to_transform: [0, 1] })).toBe(
      'Invalid PEFT adapter: layers_to_transform (every layer must be adapted) is not supported.',
    )
    const notJson = { config: '{"r": 8,', weights: generatePeftAdapter({ config, rank: 1 }).weights }
    expect(shortMessageOf(() => parsePeftAdapter(notJson, base))).toBe(
      'Invalid PEFT adapter: adapter_config.json is not UTF-8 JSON.',
    )
  })

  it('refuses wrong, missing or extra tensors and non-finite values, naming the tensor', () => {
    const files = generatePeftAdapter({ config, rank: 4, modules: ['q_proj', 'down_proj'] })
    const bad = (change: Parameters<typeof tamper>[1]) =>
      shortMessageOf(() => parsePeftAdapter(tamper(files, change), base))
    const downB = peftKey(3, 'down_proj', 'B')
    const extraLayer = peftKey(5, 'q_proj', 'A')
    const extraModule = peftKey(0, 'v_proj', 'A')
    const lmHead = 'base_model.model.lm_head.weight'
    const cases: [Parameters<typeof tamper>[1], string][] = [
      [
        (t) => {
          t[q0A] = { shape: [4, 32], data: new Float32Array(128) }
        },
        `tensor ${q0A} has shape [4, 32], expected [4, 64]`,
      ],
      [
        (t) => {
          t[downB] = { shape: [4, 64], data: new Float32Array(256) }
        },
        `tensor ${downB} has shape [4, 64], expected [64, 4]`,
      ],
      [
        (t) => {
          delete t[downB]
        },
        `missing tensor ${downB}`,
      ],
      [
        (t) => {
          t[extraLayer] = t[q0A]!
        },
        `unexpected tensor ${extraLayer} (expected lora_A and lora_B of q_proj, down_proj in layers 0-4)`,
      ],
      [
        (t) => {
          t[extraModule] = t[q0A]!
        },
        `unexpected tensor ${extraModule} (expected lora_A and lora_B of q_proj, down_proj in layers 0-4)`,
      ],
      [
        (t) => {
          t[lmHead] = t[q0A]!
        },
        `unexpected tensor ${lmHead} (expected lora_A and lora_B of q_proj, down_proj in layers 0-4)`,
      ],
      [
        (t) => {
          t[q0A]!.data[77] = Number.NaN
        },
        `tensor ${q0A} has a non-finite value (NaN) at index 77`,
      ],
      [
        (t) => {
          t[downB]!.data[0] = Number.NEGATIVE_INFINITY
        },
        `tensor ${downB} has a non-finite value (-Infinity) at index 0`,
      ],
    ]
    for (const [change, reason] of cases) expect(bad(change)).toBe(`Invalid PEFT adapter: ${reason}.`)
    const wrongRank = generatePeftAdapter({ config, rank: 4, modules: ['q_proj'], configOverrides: { r: 2 } })
    expect(shortMessageOf(() => parsePeftAdapter(wrongRank, base))).toBe(
      `Invalid PEFT adapter: tensor ${q0A} has shape [4, 64], expected [2, 64].`,
    )
  })

  it('refuses a corrupt safetensors file', () => {
    const files = generatePeftAdapter({ config, rank: 1, modules: ['q_proj'] })
    const truncated = { config: files.config, weights: files.weights.subarray(0, files.weights.length - 3) }
    expect(shortMessageOf(() => parsePeftAdapter(truncated, base))).toMatch(
      /^Invalid PEFT adapter: adapter_model\.safetensors is not a valid safetensors file: tensor .* spans bytes \d+-\d+, which do not fit its shape\.$/,
    )
    const garbage = { config: files.config, weights: new Uint8Array([1, 2, 3]) }
    expect(shortMessageOf(() => parsePeftAdapter(garbage, base))).toBe(
      'Invalid PEFT adapter: adapter_model.safetensors is not a valid safetensors file: shorter than its 8-byte header length.',
    )
  })
})

describe('host module set', () => {
  it('refuses an adapter of a module the host does not serve', () => {
    const files = generatePeftAdapter({ config, rank: 4, modules: ['q_proj', 'k_proj'], seed: 1 })
    expect(() => parsePeftAdapter(files, { ...base, modules: ['q_proj', 'v_proj'] })).toThrow(
      'it adapts k_proj, which this host does not serve (it serves q_proj, v_proj)',
    )
    expect(parsePeftAdapter(files, { ...base, modules: ['q_proj', 'k_proj'] }).targetModules).toEqual([
      'q_proj',
      'k_proj',
    ])
  })
})
