import { type Address, getAddress, isAddress, isHex } from 'viem'
import { z } from 'zod'

const address = z
  .string()
  .refine((s) => isAddress(s, { strict: false }), 'not an address')
  .transform((s) => getAddress(s))

export const safeInfrastructureSchema = z.object({
  safeSingletonAddress: address,
  safeProxyFactoryAddress: address,
  fallbackHandlerAddress: address,
  multiSendAddress: address,
  multiSendCallOnlyAddress: address,
  signMessageLibAddress: address,
  createCallAddress: address,
  simulateTxAccessorAddress: address,
})

export const manifestSchema = z.object({
  version: z.literal(1),
  chainId: z.number().int().positive(),
  deployer: address,
  blockNumber: z.string().regex(/^\d+$/),
  deployedAt: z.string(),
  configHash: z.string().refine((s) => isHex(s) && s.length === 66, 'not a 32-byte hex hash'),
  safe: safeInfrastructureSchema,
  treasurySafe: z.object({
    address,
    owners: z.array(address).min(1),
    threshold: z.number().int().positive(),
    saltNonce: z.string(),
  }),
  contracts: z.object({
    OpenToken: address,
    DatanetRegistry: address,
    ModelRegistry: address,
    AgentRegistry: address,
    AgentStaking: address,
    FeeRouter: address,
  }),
  /** Settles fee epochs on FeeRouter (the settlement worker's account). */
  settler: address,
  genesis: z.array(z.object({ label: z.string(), holder: address, amount: z.string().regex(/^\d+$/) })),
})

/** Addresses of the eight Safe v1.4.1 contracts, keyed as protocol-kit's `contractNetworks` expects. */
export type SafeInfrastructure = z.output<typeof safeInfrastructureSchema>

/** What `deploy()` writes to `.openledger/deployments/<chainId>.json` and every other part reads. */
export type Manifest = z.output<typeof manifestSchema>

/** Every named address of a manifest, for code checks. */
export function manifestAddresses(manifest: Manifest): { name: string; address: Address }[] {
  return [
    ...Object.entries(manifest.safe).map(([name, a]) => ({ name: name.replace(/Address$/, ''), address: a })),
    { name: 'treasurySafe', address: manifest.treasurySafe.address },
    ...Object.entries(manifest.contracts).map(([name, a]) => ({ name, address: a })),
  ]
}
