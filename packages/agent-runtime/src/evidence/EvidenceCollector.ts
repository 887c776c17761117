import { BaseCallbackHandler } from '@langchain/core/callbacks/base'
import type { LLMResult } from '@langchain/core/outputs'
import type { RetrievalEvidence } from '@openledger/attribution'
import type { ServedAdapter } from '../models/ChatLoraHost.js'

/** The custom event a retrieval tool dispatches (`dispatchCustomEvent`) with the rows it found. */
export const RETRIEVAL_EVENT = 'openledger.retrieval'

/** One model generation during a run: its text and the adapter that served it (null: the base model). */
export type GenerationEvidence = { text: string; adapter: ServedAdapter; model: string | undefined }

/** One tool call during a run. */
export type ToolCallEvidence = {
  name: string
  input: string
  output: string | undefined
  error: string | undefined
}

/** Everything a run produced that attribution and explanations need. */
export type Evidence = {
  generations: GenerationEvidence[]
  toolCalls: ToolCallEvidence[]
  retrieval: RetrievalEvidence[]
}

/**
 * A LangChain callback handler that collects a run's evidence as it happens: every chat generation with the
 * adapter that served it (ChatLoraHost's `response_metadata.adapter`), every tool call with its input and
 * output, and the rows retrieval tools report through the `openledger.retrieval` custom event. Pass it in
 * `callbacks` of `graph.invoke`/`stream`; it sees nested runs (nodes, models, tools).
 *
 * @example
 * const collector = new EvidenceCollector()
 * await graph.invoke(input, { callbacks: [collector] })
 * collector.evidence().generations[0]?.adapter
 */
export class EvidenceCollector extends BaseCallbackHandler {
  name = 'openledger_evidence'
  private readonly generations: GenerationEvidence[] = []
  private readonly tools = new Map<string, ToolCallEvidence>()
  private readonly retrieval: RetrievalEvidence[] = []

  override async handleLLMEnd(output: LLMResult): Promise<void> {
    for (const candidates of output.generations)
      for (const generation of candidates) {
        const metadata = (generation as { message?: { response_metadata?: Record<string, unknown> } }).message
          ?.response_metadata
        const fromOutput = output.llmOutput as { adapter?: ServedAdapter; model?: string } | undefined
        this.generations.push({
          text: generation.text,
          adapter: (metadata?.adapter as ServedAdapter | undefined) ?? fromOutput?.adapter ?? null,
          model: (metadata?.model as string | undefined) ?? fromOutput?.model,
        })
      }
  }

  override async handleToolStart(
    tool: { id?: string[] },
    input: string,
    runId: string,
    _parentRunId?: string,
    _tags?: string[],
    _metadata?: Record<string, unknown>,
    runName?: string,
  ): Promise<void> {
    this.tools.set(runId, {
      name: runName ?? tool.id?.at(-1) ?? 'tool',
      input,
      output: undefined,
      error: undefined,
    })
  }

  override async handleToolEnd(output: unknown, runId: string): Promise<void> {
    const call = this.tools.get(runId)
    if (call) call.output = typeof output === 'string' ? output : stringify(output)
  }

  override async handleToolError(error: unknown, runId: string): Promise<void> {
    const call = this.tools.get(runId)
    if (call) call.error = error instanceof Error ? error.message : String(error)
  }

  override async handleCustomEvent(eventName: string, data: unknown): Promise<void> {
    if (eventName !== RETRIEVAL_EVENT) return
    const rows = (data as { rows?: RetrievalEvidence[] }).rows
    if (Array.isArray(rows)) this.retrieval.push(...rows)
  }

  /** What was collected so far. */
  evidence(): Evidence {
    return {
      generations: [...this.generations],
      toolCalls: [...this.tools.values()],
      retrieval: [...this.retrieval],
    }
  }
}

function stringify(value: unknown): string {
  const content = (value as { content?: unknown })?.content
  if (typeof content === 'string') return content
  try {
    return JSON.stringify(value, (_, v) => (typeof v === 'bigint' ? v.toString() : v))
  } catch {
    return String(value)
  }
}
