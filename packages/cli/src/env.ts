import { BaseError } from '@openledger/errors'
import { z } from 'zod'

const schema = z.object({
  OPENLEDGER_HOME: z.string().min(1).default('.openledger'),
  RPC_URL: z.url({ protocol: /^https?$/ }).optional(),
  DATABASE_URL: z.string().min(1).optional(),
  OPENLEDGER_PRIVATE_KEY: z
    .string()
    .regex(/^0x[0-9a-fA-F]{64}$/, 'a 32-byte hex private key (0x + 64 hex digits)')
    .optional(),
  /**
   * The operator's secret each agent's key derives from (per package id), where `<home>/keys/agent-<id>.json`
   * holds none; off the devnet one of the two is required. Never the dev mnemonic off the devnet.
   */
  OPENLEDGER_AGENT_SEED: z.string().min(16, 'at least 16 characters of secret').optional(),
  /** The passphrase of the keystores under `<home>/keys/` (`openledger keys`). */
  OPENLEDGER_KEYSTORE_PASSWORD: z.string().min(1).optional(),
  DEVNET_PORT: z.coerce.number().int().min(0).max(65535).default(8545),
  /** Where base models are read from (never committed); unset: `$OPENLEDGER_HOME/models`, then `../shared/models`. */
  OPENLEDGER_MODELS: z.string().min(1).optional(),
  /** The earlier name of OPENLEDGER_MODELS, still read when OPENLEDGER_MODELS is unset. */
  OPENLEDGER_MODELS_DIR: z.string().min(1).optional(),
  LORA_HOST_PORT: z.coerce.number().int().min(0).max(65535).default(8000),
  LORA_HOST_URL: z.url({ protocol: /^https?$/ }).default('http://127.0.0.1:8000'),
  GATEWAY_PORT: z.coerce.number().int().min(0).max(65535).default(8080),
  /** Redis for the settlement queues (BullMQ). */
  REDIS_URL: z.url({ protocol: /^rediss?$/ }).default('redis://127.0.0.1:6379'),
  /** Set (to anything but the empty string) to keep colour out of terminal output (no-color.org). */
  NO_COLOR: z.string().optional(),
})

/** The environment, parsed once at the entry point; no package reads `process.env`. */
export type Env = z.output<typeof schema>

/** An environment variable the CLI reads has a value it cannot use; names the variable and why. */
export class InvalidEnvironmentError extends BaseError {
  override name = 'InvalidEnvironmentError'
  constructor(variable: string, problem: string) {
    super(`environment variable ${variable} is invalid: ${problem}`)
  }
}

/** Parses the variables the CLI reads; a bad one is an error naming it. */
export function parseEnv(source: NodeJS.ProcessEnv): Env {
  const parsed = schema.safeParse(source)
  if (parsed.success) return parsed.data
  const issue = parsed.error.issues[0]!
  throw new InvalidEnvironmentError(issue.path.join('.'), issue.message)
}
