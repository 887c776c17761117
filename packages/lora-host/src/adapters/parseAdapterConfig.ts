import { z } from 'zod'
import { type LoraModule, loraModules } from '../model/types.js'
import { AdapterValidationError } from './AdapterValidationError.js'

/** What the host needs from `adapter_config.json`. */
export type AdapterConfig = { rank: number; alpha: number; targetModules: LoraModule[]; baseModel?: string }

const positiveInteger = 'must be a positive integer'
const schema = z.looseObject({
  peft_type: z.string().nullish(),
  r: z
    .number({ error: positiveInteger })
    .int({ error: positiveInteger })
    .positive({ error: positiveInteger }),
  lora_alpha: z
    .number({ error: 'must be a positive number' })
    .positive({ error: 'must be a positive number' }),
  target_modules: z.union([z.array(z.string()), z.string()], {
    error: 'must be a list of module names',
  }),
  base_model_name_or_path: z.string().nullish(),
  bias: z.string().nullish(),
  use_dora: z.boolean().nullish(),
  use_rslora: z.boolean().nullish(),
  fan_in_fan_out: z.boolean().nullish(),
  lora_bias: z.boolean().nullish(),
  modules_to_save: z.array(z.string()).nullish(),
  exclude_modules: z.union([z.array(z.string()), z.string()]).nullish(),
  target_parameters: z.array(z.string()).nullish(),
  layers_to_transform: z.union([z.number(), z.array(z.number())]).nullish(),
  rank_pattern: z.record(z.string(), z.unknown()).nullish(),
  alpha_pattern: z.record(z.string(), z.unknown()).nullish(),
})
type RawConfig = z.infer<typeof schema>

const supported = loraModules.join(', ')

/**
 * Parses and checks a PEFT `adapter_config.json` against the host: a LoRA of rank ≤ `maxRank` over known
 * Llama projections, trained on the served base model, using no feature the host does not implement.
 *
 * @example
 * const { rank, alpha, targetModules } = parseAdapterConfig(readFileSync('adapter_config.json'), base)
 */
export function parseAdapterConfig(
  bytes: Uint8Array | string,
  base: { modelId: string; maxRank: number; modules?: readonly LoraModule[] | undefined },
): AdapterConfig {
  let json: unknown
  try {
    json = JSON.parse(
      typeof bytes === 'string' ? bytes : new TextDecoder('utf-8', { fatal: true }).decode(bytes),
    )
  } catch {
    throw new AdapterValidationError('adapter_config.json is not UTF-8 JSON')
  }
  const parsed = schema.safeParse(json)
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!
    const field = issue.path.length ? `field ${issue.path.join('.')} ` : ''
    throw new AdapterValidationError(`adapter_config.json ${field}${issue.message}`)
  }
  const config = parsed.data
  const unsupported = unsupportedFeature(config)
  if (unsupported) throw new AdapterValidationError(`${unsupported} is not supported`)
  if (config.r > base.maxRank) {
    throw new AdapterValidationError(`rank ${config.r} is above the host's maximum rank ${base.maxRank}`)
  }
  const baseModel = config.base_model_name_or_path ?? undefined
  if (baseModel !== undefined && lastSegment(baseModel) !== lastSegment(base.modelId)) {
    throw new AdapterValidationError(
      `it was trained on base model ${JSON.stringify(baseModel)}, but this host serves ${JSON.stringify(base.modelId)}`,
    )
  }
  const targetModules = targetModulesOf(config.target_modules)
  const unserved = targetModules.filter((m) => base.modules && !base.modules.includes(m))
  if (unserved.length > 0) {
    throw new AdapterValidationError(
      `it adapts ${unserved.join(', ')}, which this host does not serve (it serves ${base.modules!.join(', ')})`,
    )
  }
  return {
    rank: config.r,
    alpha: config.lora_alpha,
    targetModules,
    ...(baseModel === undefined ? {} : { baseModel }),
  }
}

function unsupportedFeature(config: RawConfig): string | undefined {
  if (config.peft_type != null && config.peft_type !== 'LORA') {
    return `peft_type ${JSON.stringify(config.peft_type)} (only "LORA")`
  }
  if (config.bias != null && config.bias !== 'none')
    return `bias ${JSON.stringify(config.bias)} (only "none")`
  if (config.use_dora) return 'DoRA (use_dora)'
  if (config.use_rslora) return 'rank-stabilized LoRA (use_rslora)'
  if (config.fan_in_fan_out) return 'fan_in_fan_out (transposed weights)'
  if (config.lora_bias) return 'lora_bias'
  if (config.modules_to_save?.length) return `modules_to_save (${config.modules_to_save.join(', ')})`
  if (config.exclude_modules?.length) return 'exclude_modules'
  if (config.target_parameters?.length) return 'target_parameters'
  if (config.layers_to_transform != null) return 'layers_to_transform (every layer must be adapted)'
  if (config.rank_pattern && Object.keys(config.rank_pattern).length)
    return 'rank_pattern (one rank per adapter)'
  if (config.alpha_pattern && Object.keys(config.alpha_pattern).length) {
    return 'alpha_pattern (one alpha per adapter)'
  }
  return undefined
}

function targetModulesOf(target: string | string[]): LoraModule[] {
  if (typeof target === 'string') {
    // PEFT reads a string as a regular expression over module paths, except the 'all-linear' shorthand.
    if (target === 'all-linear') return [...loraModules]
    throw new AdapterValidationError(
      `target_modules ${JSON.stringify(target)} is a regular expression, which is not supported; list the modules (${supported})`,
    )
  }
  if (target.length === 0) throw new AdapterValidationError('target_modules is empty')
  const unknown = target.filter((name) => !(loraModules as readonly string[]).includes(name))
  if (unknown.length) {
    throw new AdapterValidationError(
      `unknown target module(s) ${unknown.join(', ')} (supported: ${supported})`,
    )
  }
  return loraModules.filter((module) => target.includes(module))
}

function lastSegment(path: string): string {
  return (path.split(/[\\/]/).filter(Boolean).at(-1) ?? '').toLowerCase()
}
