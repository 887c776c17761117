import {
  executeSafeTransaction,
  getSafeTransactionStatus,
  proposeSafeTransaction,
  type SafeCall,
  signSafeTransaction,
} from '@openledger/chain'
import { openTokenAbi } from '@openledger/contracts'
import { listSafeTransactions } from '@openledger/store'
import { type Command, InvalidArgumentError } from 'commander'
import { type Address, encodeFunctionData, formatEther, type Hex, parseUnits } from 'viem'
import {
  type Context,
  connectDeployment,
  type KeyOptions,
  resolveKey,
  rpcUrlOf,
  withStore,
} from '../context.js'
import {
  parseAddress,
  parseHexData,
  parseIntegerIn,
  parsePrivateKey,
  parseRpcUrl,
  parseSafeTxHash,
  parseWei,
} from '../options.js'

type Common = KeyOptions & { rpcUrl?: string }
type ProposeOptions = Common & {
  to?: Address
  value?: bigint
  data?: Hex
  sendOpen?: Address
  amount?: string
  description?: string
  nonce?: bigint
}

function withCommon(command: Command, keyHelp: string): Command {
  return command
    .option('--rpc-url <url>', 'JSON-RPC URL (default: RPC_URL, else the local devnet)', parseRpcUrl)
    .option('--private-key <key>', `${keyHelp} (default: OPENLEDGER_PRIVATE_KEY)`, parsePrivateKey)
    .option('--dev-account <n>', `use this dev account's key (devnet only)`, parseIntegerIn(0, 99))
}

function parseOpenAmount(value: string): string {
  if (!/^\d+(\.\d{1,18})?$/.test(value))
    throw new InvalidArgumentError(`"${value}" is not an amount of OPEN.`)
  return value
}

function callsOf(options: ProposeOptions, token: Address): { calls: SafeCall[]; description?: string } {
  if (options.sendOpen) {
    if (!options.amount) throw new InvalidArgumentError('--send-open needs --amount <OPEN>.')
    const data = encodeFunctionData({
      abi: openTokenAbi,
      functionName: 'transfer',
      args: [options.sendOpen, parseUnits(options.amount, 18)],
    })
    const description = options.description ?? `send ${options.amount} OPEN to ${options.sendOpen}`
    return { calls: [{ to: token, data }], description }
  }
  if (!options.to)
    throw new InvalidArgumentError('Say what to call: --to <address> [--value] [--data], or --send-open.')
  return { calls: [{ to: options.to, value: options.value ?? 0n, data: options.data ?? '0x' }] }
}

export function safeCommand(program: Command, context: Context): void {
  const safe = program
    .command('safe')
    .description('Treasury Safe transactions: propose, sign, execute, status.')

  withCommon(safe.command('propose'), 'proposing owner key')
    .description('Propose a treasury Safe transaction, signed by the proposing owner.')
    .option('--to <address>', 'call target', parseAddress)
    .option('--value <wei>', 'ether to send, in wei', parseWei)
    .option('--data <hex>', 'calldata', parseHexData)
    .option(
      '--send-open <recipient>',
      'shortcut: transfer OPEN from the treasury to this address',
      parseAddress,
    )
    .option('--amount <OPEN>', 'OPEN to transfer with --send-open', parseOpenAmount)
    .option('--description <text>', 'what it is for')
    .option('--nonce <n>', 'Safe nonce (default: the next free one)', parseWei)
    .action(async (options: ProposeOptions) => {
      const { connection, manifest } = await connectDeployment(context, rpcUrlOf(context, options.rpcUrl))
      const proposerKey = resolveKey(context, options, connection.chainId, 'proposer')
      const { calls, description = options.description } = callsOf(options, manifest.contracts.OpenToken)
      const { safeTxHash, nonce } = await withStore(context, (store) =>
        proposeSafeTransaction(connection, store, {
          infrastructure: manifest.safe,
          safeAddress: manifest.treasurySafe.address,
          proposerKey,
          calls,
          ...(description ? { description } : {}),
          ...(options.nonce !== undefined ? { nonce: options.nonce } : {}),
        }),
      )
      context.io.out(
        `Proposed ${safeTxHash} (nonce ${nonce}), signed 1 of ${manifest.treasurySafe.threshold}.`,
      )
    })

  withCommon(
    safe.command('sign').argument('<safeTxHash>', 'the proposal', parseSafeTxHash),
    'signing owner key',
  )
    .description('Sign a proposed treasury Safe transaction as one owner.')
    .action(async (safeTxHash: Hex, options: Common) => {
      const { connection, manifest } = await connectDeployment(context, rpcUrlOf(context, options.rpcUrl))
      const signerKey = resolveKey(context, options, connection.chainId, 'signer')
      const { signer, signatures } = await withStore(context, (store) =>
        signSafeTransaction(connection, store, { infrastructure: manifest.safe, safeTxHash, signerKey }),
      )
      context.io.out(`Signed by ${signer}: ${signatures} of ${manifest.treasurySafe.threshold} signatures.`)
    })

  withCommon(
    safe.command('execute').argument('<safeTxHash>', 'the proposal', parseSafeTxHash),
    'gas payer key',
  )
    .description('Execute a treasury Safe transaction that has enough signatures.')
    .action(async (safeTxHash: Hex, options: Common) => {
      const { connection, manifest } = await connectDeployment(context, rpcUrlOf(context, options.rpcUrl))
      // Any funded account may pay for execution; on the devnet, dev account 0 by default.
      const executorKey = resolveKey(context, options, connection.chainId, 'executor', 0)
      const { txHash, gasUsed } = await withStore(context, (store) =>
        executeSafeTransaction(connection, store, { infrastructure: manifest.safe, safeTxHash, executorKey }),
      )
      context.io.out(`Executed ${safeTxHash} in ${txHash} (gas ${gasUsed}).`)
    })

  safe
    .command('status')
    .description('Show one proposal (signatures, threshold, state), or list every proposal.')
    .argument('[safeTxHash]', 'the proposal', parseSafeTxHash)
    .option('--rpc-url <url>', 'JSON-RPC URL (default: RPC_URL, else the local devnet)', parseRpcUrl)
    .action(async (safeTxHash: Hex | undefined, options: { rpcUrl?: string }) => {
      const { connection, manifest } = await connectDeployment(context, rpcUrlOf(context, options.rpcUrl))
      await withStore(context, async (store) => {
        const hashes = safeTxHash
          ? [safeTxHash]
          : (
              await listSafeTransactions(store, {
                chainId: connection.chainId,
                safeAddress: manifest.treasurySafe.address,
              })
            ).map((row) => row.safeTxHash)
        if (hashes.length === 0) context.io.out('No Safe transactions proposed yet.')
        for (const hash of hashes) {
          const status = await getSafeTransactionStatus(connection, store, {
            infrastructure: manifest.safe,
            safeTxHash: hash,
          })
          const { transaction: tx, signatures, threshold } = status
          const valid = signatures.filter((s) => s.isOwner).length
          context.io.out(`${hash}  ${status.state}  ${valid}/${threshold} signatures  nonce ${tx.nonce}`)
          context.io.out(
            `  to ${tx.to}  value ${formatEther(tx.value)} ETH  ${tx.description ?? ''}`.trimEnd(),
          )
          for (const s of signatures)
            context.io.out(`  signed by ${s.signer}${s.isOwner ? '' : ' (no longer an owner)'}`)
        }
      })
    })
}
