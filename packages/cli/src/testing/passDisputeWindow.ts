import type { ChainConnection, DevnetServer, Manifest } from '@openledger/chain'
import { getSettlementState } from '@openledger/staking'
import { createTestClient, custom } from 'viem'

/**
 * Tests only: mines a block at the pending epoch's `finalizesAt`, so its dispute window has passed and it may
 * be finalised; nothing when no epoch is pending.
 */
export async function passDisputeWindow(
  server: Pick<DevnetServer, 'devnet'>,
  deployment: { connection: ChainConnection; manifest: Manifest },
): Promise<void> {
  const { pending } = await getSettlementState(deployment.connection, deployment.manifest.contracts)
  if (!pending) return
  const testClient = createTestClient({ mode: 'hardhat', transport: custom(server.devnet) })
  const { timestamp } = await deployment.connection.publicClient.getBlock()
  if (timestamp < pending.finalizesAt)
    await testClient.setNextBlockTimestamp({ timestamp: pending.finalizesAt })
  await testClient.mine({ blocks: 1 })
}
