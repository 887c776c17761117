import { agentRegistryAbi, datanetRegistryAbi, modelRegistryAbi } from '@openledger/contracts'
import { getContract, type Hex, keccak256, type TransactionReceipt, toHex } from 'viem'
import { deployContract } from '../../deploy/deployContract.js'
import { useDeployedDevnet } from '../../testing/useDeployedDevnet.js'
import { type AdapterClaim, commitmentOf, FAR_DEADLINE, signClaim } from '../modelRegistryFixture.js'
import { impersonate, impersonatedClient } from './impersonated.js'

/**
 * Dev accounts in the registry attacks: 7 curates the datanets, 8 is the honest creator, 5 Mallory (a
 * squatter, an outsider), 9 a relayer that sends registrations for others.
 */
export const [CURATOR, CREATOR, MALLORY, RELAYER] = [7, 8, 5, 9] as const
export const ADAPTER = keccak256(toHex('attacked adapter'))
const BASE = keccak256(toHex('base model'))
const ROOT = keccak256(toHex('training rows root'))

export type AttackModelRegistry = Awaited<
  ReturnType<ReturnType<typeof useRegistryAttackDevnet>['deployModelRegistry']>
>
export type AttackAgentRegistry = Awaited<
  ReturnType<ReturnType<typeof useRegistryAttackDevnet>['deployAgentRegistry']>
>

/**
 * For the registry attack tests: one devnet with the protocol deployed and two datanets.
 * `deployModelRegistry(bytecode)` and `deployAgentRegistry(bytecode)` deploy a registry from any bytecode (the
 * build or a test-only mutant) whose roles the treasury Safe holds; the Safe's calls are sent as the Safe
 * (impersonated: what a signed Safe transaction does, without the signing). Every test runs inside an EVM
 * snapshot.
 *
 * @example
 * const { deployModelRegistry } = useRegistryAttackDevnet()
 * const r = await deployModelRegistry(modelRegistryBytecode)
 */
export function useRegistryAttackDevnet() {
  const devnet = useDeployedDevnet(async ({ env, clientOf, mined, address }) => {
    const datanets = getContract({
      address: env.manifest.contracts.DatanetRegistry,
      abi: datanetRegistryAbi,
      client: clientOf(CURATOR),
    })
    for (const uri of ['ipfs://one', 'ipfs://two'])
      await mined(datanets.write.createDatanet([address(CURATOR), 'CC-BY-4.0', uri]))
    await impersonate(devnet, env.manifest.treasurySafe.address)
  })
  const safeClient = () => impersonatedClient(devnet, devnet.env.manifest.treasurySafe.address)
  const mined = (hash: Promise<Hex>): Promise<TransactionReceipt> => devnet.mined(hash)
  const passTime = async (seconds: bigint) => {
    await devnet.testClient.increaseTime({ seconds: Number(seconds) })
    await devnet.testClient.mine({ blocks: 1 })
  }

  async function deployModelRegistry(bytecode: Hex) {
    const { env, address, account, clientOf, testClient } = devnet
    const registry = await deployContract(env.connection, account(0), {
      abi: modelRegistryAbi,
      bytecode,
      args: [env.manifest.treasurySafe.address, env.manifest.contracts.DatanetRegistry],
    })
    const as = (i: number) => getContract({ address: registry, abi: modelRegistryAbi, client: clientOf(i) })
    const domain = { chainId: env.connection.chainId, registry }
    /** A claim of `ADAPTER` naming dev account `creator`. */
    const claim = (creator: number, overrides: Partial<AdapterClaim> = {}): AdapterClaim => ({
      adapterSha256: ADAPTER,
      baseModelSha256: BASE,
      trainingRowsRoot: ROOT,
      rowCount: 3,
      datanetIds: [1n],
      uri: `ipfs://by-${creator}`,
      creator: address(creator),
      deadline: FAR_DEADLINE,
      ...overrides,
    })
    const commitment = (c: AdapterClaim, salt: Hex) =>
      commitmentOf(c.creator, c.adapterSha256, c.trainingRowsRoot, salt)
    const sign = (signer: number, c: AdapterClaim) => signClaim(account(signer), domain, c)
    return {
      registry,
      address,
      as,
      /** The treasury Safe, calling the registry itself. */
      safe: getContract({ address: registry, abi: modelRegistryAbi, client: safeClient() }),
      testClient,
      mined,
      passTime,
      claim,
      commitment,
      sign,
      /** Commits `c` with `salt`, sent by `by` (a relayer by default). */
      commit: (c: AdapterClaim, salt: Hex, by: number = RELAYER) =>
        mined(as(by).write.commitAdapter([commitment(c, salt)])),
      /** Sends the registration of `c` with `signature`, by `by`. */
      register: (c: AdapterClaim, salt: Hex, signature: Hex, by: number = RELAYER) =>
        as(by).write.registerAdapter([c, salt, signature]),
      /** The latest block's time. */
      now: async () => (await env.connection.publicClient.getBlock()).timestamp,
      /** What settlement pays and whether a host serves: `creatorOf` and `isServable` of `ADAPTER`. */
      creator: () => as(0).read.creatorOf([ADAPTER]),
      servable: () => as(0).read.isServable([ADAPTER]),
    }
  }

  async function deployAgentRegistry(bytecode: Hex) {
    const { env, address, account, clientOf } = devnet
    const registry = await deployContract(env.connection, account(0), {
      abi: agentRegistryAbi,
      bytecode,
      args: [env.manifest.treasurySafe.address],
    })
    const as = (i: number) => getContract({ address: registry, abi: agentRegistryAbi, client: clientOf(i) })
    await mined(as(CREATOR).write.registerAgent(['ipfs://agent.json', [ADAPTER], 10n]))
    return {
      registry,
      address,
      as,
      safe: getContract({ address: registry, abi: agentRegistryAbi, client: safeClient() }),
      mined,
      /** The creator's agent, registered before each attack. */
      agentId: 1n,
    }
  }

  return { devnet, deployModelRegistry, deployAgentRegistry }
}
