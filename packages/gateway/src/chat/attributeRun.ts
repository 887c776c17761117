import type { Evidence } from '@openledger/agent-runtime'
import {
  attributeAnswer,
  type InfluenceScorer,
  type ReceiptV2,
  receiptId as receiptIdOf,
} from '@openledger/attribution'
import { type DatanetRef, getRow } from '@openledger/datanets'
import type { Tokenizer } from '@openledger/lora-host'
import type { StoreSession } from '@openledger/store'
import { type Address, type Hex, keccak256, toHex } from 'viem'
import { type Attribution, type AttributionSpan, attributionObject } from './attributionObject.js'
import { executedActionOf } from './executedActionOf.js'
import type { SpanCorpusCache } from './spanCorpora.js'

export type AttributeRunParameters = {
  store: StoreSession
  tokenizer: Tokenizer
  corpora: SpanCorpusCache
  /** The agent's datanets, resolved on this chain's DatanetRegistry. */
  datanets: DatanetRef[]
  answer: string
  evidence: Evidence
  agentId: bigint
  fee: bigint
  payer: Address
  /** The chain the fee is charged on (the gateway's chain connection). */
  chainId: bigint
  /** The FeeRouter that charges it (the deployment manifest's). */
  feeRouter: Address
  /** sha256 of the base model's weights, as the model host reports it (`baseModelSha256`). */
  baseModel: Hex
  /** The gateway's request id: made unique per answer with a random salt. */
  requestId: string
  spanMinLength?: number | undefined
  /** Gradient influence of the answer's adapters on their training rows (ModelFactory's stored features). */
  influence?: InfluenceScorer | undefined
}

export type AttributeRunReturnType = {
  receipt: ReceiptV2
  receiptId: Hex
  attribution: Attribution
  answerTokens: number[]
}

/**
 * Turns an answer and its run's evidence into a Proof of Attribution receipt (version 2, kind `answer`, or
 * `action` when the run executed a confirmed action, which the `attribution` object then names; bound to
 * the chain, FeeRouter and base model) and the `attribution` object: verbatim spans against the agent's
 * datanets (accepted rows) and the rows retrieval reported, fused into contributor shares; the adapters are
 * those that generated text during the run.
 */
export async function attributeRun(parameters: AttributeRunParameters): Promise<AttributeRunReturnType> {
  const { tokenizer, evidence, answer } = parameters
  const answerTokens = tokenizer.encode(answer)
  const action = executedActionOf(evidence)
  const loaded = await Promise.all(parameters.datanets.map((d) => parameters.corpora.get(d)))
  const corpora = loaded.flatMap((l) => (l.corpus ? [l.corpus] : []))
  const continuesWord = continuesWordOf(tokenizer)
  const adapters = new Map<string, Hex>()
  for (const g of evidence.generations)
    if (g.adapter)
      adapters.set(
        g.adapter.id,
        (g.adapter.sha256.startsWith('0x') ? g.adapter.sha256 : `0x${g.adapter.sha256}`) as Hex,
      )
  const result = await attributeAnswer({
    answerTokens,
    corpora,
    retrieval: evidence.retrieval,
    influence:
      parameters.influence && adapters.size
        ? { scorer: parameters.influence, adapters: [...adapters.keys()] }
        : undefined,
    spanOptions: {
      ...(parameters.spanMinLength ? { minLength: parameters.spanMinLength } : {}),
      ...(continuesWord ? { continuesWord } : {}),
    },
  })
  const receipt: ReceiptV2 = {
    version: 2,
    chainId: parameters.chainId,
    feeRouter: parameters.feeRouter,
    // The answer that ran a confirmed action is its receipt: the attribution record and the action are one.
    kind: action ? 'action' : 'answer',
    requestId: keccak256(toHex(`${parameters.requestId}:${crypto.randomUUID()}`)),
    agentId: parameters.agentId.toString(),
    baseModel: parameters.baseModel,
    adapters: [...adapters].map(([id, sha256]) => ({ id, sha256 })).sort((a, b) => (a.id < b.id ? -1 : 1)),
    responseHash: keccak256(toHex(answer)),
    fee: parameters.fee,
    payer: parameters.payer,
    timestamp: BigInt(Math.floor(Date.now() / 1000)),
    noEvidence: !result.evidence,
    contributions: result.evidence
      ? result.contributions.map((c) => ({ ...c, method: c.method as string }))
      : [],
  }
  const id = receiptIdOf(receipt)
  const texts = new Map<Hex, string>()
  for (const l of loaded) for (const [rowId, text] of l.texts) texts.set(rowId, text)
  for (const c of receipt.contributions)
    if (!texts.has(c.rowId)) texts.set(c.rowId, await rowTextOf(parameters.store, c.rowId))
  const spans: AttributionSpan[] = []
  for (const found of result.spans) {
    const corpus = corpora.find((c) => c.datanetId === found.datanetId)
    if (!corpus) continue
    for (const span of found.spans) {
      const located = locateSpan(tokenizer, answer, answerTokens, span.start, span.length)
      const rows = [...new Set(span.occurrences.map((o) => corpus.index.rows[o.row]?.rowId))].slice(0, 5)
      for (const rowId of rows)
        if (rowId) spans.push({ datanetId: found.datanetId.toString(), rowId: rowId as Hex, ...located })
    }
  }
  const attribution = attributionObject({
    receipt,
    receiptId: id,
    result,
    rowText: (rowId) => texts.get(rowId) ?? '',
    spans,
    action,
  })
  return { receipt, receiptId: id, attribution, answerTokens }
}

async function rowTextOf(store: StoreSession, rowId: Hex): Promise<string> {
  try {
    const row = await getRow(store, rowId)
    return row.content.kind === 'text' ? row.content.text : `${row.content.prompt}\n${row.content.completion}`
  } catch {
    return ''
  }
}

/** A token span of the answer as character offsets into its text (decoding drops a leading space: search near). */
export function locateSpan(
  tokenizer: Tokenizer,
  answer: string,
  tokens: readonly number[],
  start: number,
  length: number,
): { start: number; end: number; text: string } {
  const before = tokenizer.decode(tokens.slice(0, start)).length
  const piece = tokenizer.decode(tokens.slice(start, start + length)).trim()
  let at = answer.indexOf(piece, Math.max(0, before - 2))
  if (at < 0) at = answer.indexOf(piece)
  if (at < 0) {
    const end = Math.min(answer.length, before + piece.length)
    return { start: Math.min(before, end), end, text: answer.slice(Math.min(before, end), end) }
  }
  return { start: at, end: at + piece.length, text: piece }
}

function continuesWordOf(tokenizer: Tokenizer): ((token: number) => boolean) | undefined {
  const llama = tokenizer as Tokenizer & { kind?: string; vocab?: { keys: string[] } }
  if (llama.kind !== 'llama2c' || !llama.vocab) return undefined
  const { keys } = llama.vocab
  return (token) => /^[A-Za-z0-9]/.test(keys[token] ?? '')
}
