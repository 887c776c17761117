import { type ChainConnection, DEVNET_CHAIN_ID, devAccounts, type Manifest } from '@openledger/chain'
import { ensureSettlerBond } from '@openledger/provision/settler'
import { getSettlementState, getSettlerBond } from '@openledger/staking'
import type { Account } from 'viem'
import { privateKeyToAccount } from 'viem/accounts'
import type { Context } from '../../context.js'
import { formatOpen } from '../../format.js'

/** The devnet's ecosystem holder (dev account 5): it funds the devnet settler's bond. */
const DEVNET_ECOSYSTEM = 5

/**
 * Before settling: on the devnet, tops the settler's FeeRouter bond up to the minimum with OPEN from the
 * ecosystem holder (dev account 5), since the devnet's settler starts without any; elsewhere, says when the
 * bond is below the minimum (posting would fail until `openledger settler bond`).
 */
export async function bondDevnetSettler(
  context: Context,
  deployment: { connection: ChainConnection; manifest: Manifest },
  settler: Account,
): Promise<void> {
  const { connection, manifest } = deployment
  if (connection.chainId === DEVNET_CHAIN_ID) {
    const funder = privateKeyToAccount(devAccounts(DEVNET_ECOSYSTEM + 1)[DEVNET_ECOSYSTEM]!.privateKey)
    const { bond, deposited } = await ensureSettlerBond(connection, manifest.contracts, { settler, funder })
    if (deposited > 0n)
      context.io.out(
        `Bonded ${formatOpen(deposited)} for settler ${settler.address} from dev account ${DEVNET_ECOSYSTEM}; its bond is ${formatOpen(bond)}.`,
      )
    return
  }
  const [{ minSettlerBond }, bond] = await Promise.all([
    getSettlementState(connection, manifest.contracts),
    getSettlerBond(connection, manifest.contracts, { settler: settler.address }),
  ])
  if (bond < minSettlerBond)
    context.io.out(
      `Settler ${settler.address} holds a bond of ${formatOpen(bond)}, below the minimum of ${formatOpen(minSettlerBond)}: it posts nothing until \`openledger settler bond <OPEN>\`.`,
    )
}
