import { datanetRegistryAbi, openTokenAbi, WEI_PER_OPEN } from '@openledger/contracts'
import { getContract, keccak256, parseEventLogs, type TransactionReceipt, toHex } from 'viem'
import { DATANET_UNBONDING_SECONDS } from '../deploy/deploy.js'
import { useDeployedDevnet } from '../testing/useDeployedDevnet.js'

export const OPEN = (whole: bigint) => whole * WEI_PER_OPEN
/** Dev accounts: a genesis holder, the curator, two contributors, and an outsider. */
export const [INVESTORS, CURATOR, ALICE, BOB, CAROL] = [3, 7, 8, 9, 1] as const
export const UNBONDING = BigInt(DATANET_UNBONDING_SECONDS)
/** The registry's calls can revert inside the token (ERC20 errors): decode both. */
const abi = [...datanetRegistryAbi, ...openTokenAbi.filter((item) => item.type === 'error')]
export const hashOf = (text: string) => keccak256(toHex(text))

/**
 * For DatanetRegistry tests: one devnet with the protocol deployed for the file, ALICE and BOB holding 1,000
 * OPEN each, and every test run inside an EVM snapshot that is reverted afterwards.
 */
export function useDatanetRegistry() {
  const devnet = useDeployedDevnet(async ({ tokenAs, address, mined }) => {
    for (const i of [ALICE, BOB]) await mined(tokenAs(INVESTORS).write.transfer([address(i), OPEN(1000n)]))
  })
  const { account, address, clientOf, tokenAs, mined } = devnet
  const registryAs = (i: number) =>
    getContract({ address: devnet.env.manifest.contracts.DatanetRegistry, abi, client: clientOf(i) })
  const env = () => devnet.env

  return {
    get env() {
      return devnet.env
    },
    account,
    address,
    registryAs,
    tokenAs,
    mined,
    registryAddress: () => env().manifest.contracts.DatanetRegistry,
    treasury: () => env().manifest.treasurySafe.address,
    timeOf: async (receipt: TransactionReceipt) =>
      (await env().connection.publicClient.getBlock({ blockNumber: receipt.blockNumber })).timestamp,
    async passTime(seconds: bigint) {
      await devnet.testClient.increaseTime({ seconds: Number(seconds) })
      await devnet.testClient.mine({ blocks: 1 })
    },
    /** The registry's events in a receipt, as `[eventName, args]`. */
    eventsIn: (receipt: TransactionReceipt) =>
      parseEventLogs({ abi: datanetRegistryAbi, logs: receipt.logs })
        .filter((log) => log.address.toLowerCase() === env().manifest.contracts.DatanetRegistry.toLowerCase())
        .map((log) => [log.eventName, log.args]),
    /** Creates a datanet curated by CURATOR and returns its id. */
    async newDatanet(license = 'CC-BY-4.0', metadataURI = 'ipfs://meta'): Promise<bigint> {
      const args = [address(CURATOR), license, metadataURI] as const
      const { result } = await registryAs(CURATOR).simulate.createDatanet(args)
      await mined(registryAs(CURATOR).write.createDatanet(args))
      return result
    },
  }
}
