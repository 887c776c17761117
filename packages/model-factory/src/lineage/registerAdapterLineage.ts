import { setTimeout } from 'node:timers/promises'
import { type ChainConnection, sendContractCall, simulateContractCall } from '@openledger/chain'
import { modelRegistryAbi } from '@openledger/contracts'
import { type Account, type Hex, isHex, size, type TransactionReceipt, zeroHash } from 'viem'
import {
  type AdapterClaimExpiredError,
  AdapterCommitmentError,
  type CreatorReassignedError,
  type InvalidAdapterClaimSignatureError,
} from './claimErrors.js'
import { commitAdapterLineage } from './commitAdapterLineage.js'
import {
  AdapterAlreadyRegisteredError,
  type DuplicateDatanetError,
  type InvalidDatanetCountError,
  InvalidLineageHashError,
  type LineageRevertError,
  type UnknownDatanetError,
} from './errors.js'
import { getAdapterLineage } from './getAdapterLineage.js'
import { signAdapterClaim } from './signAdapterClaim.js'
import { toLineageError } from './toLineageError.js'
import { type TrainingRowsTreeErrorType, trainingRowsTree } from './trainingRowsTree.js'
import type { AdapterClaim, LineageContracts } from './types.js'

export type RegisterAdapterLineageParameters = {
  /** Signs the claim: recorded as the adapter's creator (settlement pays it the adapter creators' share). */
  account: Account
  /** Sends and pays the commit and the registration (a relayer, the model factory); default: `account`. */
  sender?: Account
  /** The adapter's content address: `0x` + lora-host's `adapterSha256` of its files. */
  adapterSha256: Hex
  baseModelSha256: Hex
  /** The Datanet row ids the adapter was trained on, in any order, each once. */
  rowIds: readonly Hex[]
  /** The datanets those rows come from: 1 to 16, each existing. */
  datanetIds: readonly bigint[]
  /** Where the adapter's files or model card live. */
  uri: string
  /** The salt of a commitment made earlier (`commitAdapterLineage`); default: a fresh commitment now. */
  salt?: Hex
  /** Unix seconds until which the signed claim is valid; default: an hour after the latest block. */
  deadline?: bigint
  /** How long to wait for the block after the commitment's (default 120 s). */
  nextBlockTimeoutMs?: number
}

export type RegisterAdapterLineageReturnType = {
  hash: Hex
  receipt: TransactionReceipt
  /** The training rows root registered. */
  root: Hex
  /** The claim the creator signed, and the commitment's salt the registration revealed. */
  claim: AdapterClaim
  salt: Hex
}

export type RegisterAdapterLineageErrorType =
  | TrainingRowsTreeErrorType
  | InvalidLineageHashError
  | InvalidDatanetCountError
  | UnknownDatanetError
  | DuplicateDatanetError
  | AdapterAlreadyRegisteredError
  | AdapterClaimExpiredError
  | InvalidAdapterClaimSignatureError
  | AdapterCommitmentError
  | CreatorReassignedError
  | LineageRevertError

/**
 * Registers an adapter's lineage in the ModelRegistry, its creator proven: `account` signs the claim (EIP-712:
 * the lineage and itself as creator), a commitment to it is recorded (`commitAdapterLineage`, unless `salt`
 * names one on-chain already), and once a later block exists the claim is registered, revealing the
 * commitment. Anyone copying the registration registers the same creator; a squatter committing after this
 * commitment loses the adapter to it. Before anything is sent the registration is simulated, so a bad
 * lineage or an adapter registered already throws its typed error and sends nothing.
 *
 * @example
 * const { root } = await registerAdapterLineage(connection, manifest.contracts, {
 *   account: creator,
 *   adapterSha256: `0x${adapterSha256(await readPeftAdapterDir('./out/defi-lora'))}`,
 *   baseModelSha256,
 *   rowIds: rows.map((row) => row.rowId),
 *   datanetIds: [datanet.datanetId],
 *   uri: 'ipfs://bafy…/defi-lora',
 * })
 */
export async function registerAdapterLineage(
  connection: ChainConnection,
  contracts: LineageContracts,
  parameters: RegisterAdapterLineageParameters,
): Promise<RegisterAdapterLineageReturnType> {
  const { account, adapterSha256, baseModelSha256, rowIds, datanetIds, uri } = parameters
  const sender = parameters.sender ?? account
  for (const [field, value] of [
    ['adapterSha256', adapterSha256],
    ['baseModelSha256', baseModelSha256],
  ] as const) {
    if (typeof value !== 'string' || !isHex(value, { strict: true }) || size(value) !== 32) {
      throw new InvalidLineageHashError(field, value)
    }
  }
  const { root, tree } = trainingRowsTree(rowIds)
  const deadline =
    parameters.deadline ?? (await connection.publicClient.getBlock()).timestamp + DEFAULT_CLAIM_SECONDS
  const claim: AdapterClaim = {
    adapterSha256,
    baseModelSha256,
    trainingRowsRoot: root,
    rowCount: tree.length,
    datanetIds,
    uri,
    creator: account.address,
    deadline,
  }
  const signature = await signAdapterClaim(connection, contracts, { account, claim })
  let salt = parameters.salt
  const send = (s: Hex) => registration(connection, contracts, { sender, claim, salt: s, signature })
  // Simulated first: any refusal but the commitment's (unknown for a fresh salt) is thrown, nothing sent.
  const pending = await refusal(send(salt ?? zeroHash))
  if (!salt || pending?.problem === 'unknown') {
    // The contract checks the commitment before a registered adapter; a fresh commitment never takes one over.
    const lineage = await getAdapterLineage(connection, contracts, { adapterSha256 })
    if (lineage)
      throw new AdapterAlreadyRegisteredError(adapterSha256, lineage.creator, {
        registeredCommitBlock: lineage.commitBlock,
      })
    ;({ salt } = await commitAdapterLineage(connection, contracts, {
      creator: account.address,
      sender,
      adapterSha256,
      trainingRowsRoot: root,
      ...(salt ? { salt } : {}),
    }))
  }
  await nextBlock(connection, send(salt), parameters.nextBlockTimeoutMs ?? 120_000)
  const { hash, receipt } = await send(salt).send()
  return { hash, receipt, root, claim, salt }
}

/** A claim's signature is valid for an hour after the latest block unless the caller says otherwise. */
const DEFAULT_CLAIM_SECONDS = 3600n

/** Waits until the registration is no longer refused as too recent (a block after the commitment's). */
async function nextBlock(connection: ChainConnection, r: Registration, timeoutMs: number) {
  const started = Date.now()
  for (;;) {
    const error = await refusal(r)
    if (!error) return
    if (error.problem !== 'tooRecent' || Date.now() - started > timeoutMs) throw error
    await setTimeout(connection.publicClient.pollingInterval)
  }
}

type Registration = {
  simulate: () => Promise<unknown>
  send: () => Promise<{ hash: Hex; receipt: TransactionReceipt }>
}

function registration(
  connection: ChainConnection,
  contracts: LineageContracts,
  parameters: { sender: Account; claim: AdapterClaim; salt: Hex; signature: Hex },
): Registration {
  const { sender, claim, salt, signature } = parameters
  const call = {
    account: sender,
    address: contracts.ModelRegistry,
    abi: modelRegistryAbi,
    functionName: 'registerAdapter',
    args: [claim, salt, signature],
    // As the transaction will run: in a block after the latest, which may be the commitment's.
    blockTag: 'pending',
  } as const
  return {
    simulate: () => simulateContractCall(connection, call),
    send: async () => {
      try {
        return await sendContractCall(connection, call)
      } catch (error) {
        throw toLineageError(error)
      }
    },
  }
}

/**
 * Simulates a registration: undefined when it would go through, the commitment's error when that is what the
 * contract refuses (a fresh salt is unknown; a commitment of the latest block is too recent); any other
 * refusal is thrown.
 */
async function refusal(r: Registration): Promise<AdapterCommitmentError | undefined> {
  try {
    await r.simulate()
    return undefined
  } catch (error) {
    const typed = toLineageError(error)
    if (typed instanceof AdapterCommitmentError) return typed
    throw typed
  }
}
