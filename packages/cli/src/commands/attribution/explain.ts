import { type AttributeAnswerReturnType, attributeAnswer } from '@openledger/attribution'
import { loadBaseModel } from '@openledger/lora-host'
import type { Command } from 'commander'
import type { Hex } from 'viem'
import { withRpcUrl } from '../../commonOptions.js'
import type { Context } from '../../context.js'
import { parseDatanetId, parseIntegerIn } from '../../options.js'
import { withDatanet } from '../datanet/withDatanet.js'
import { defaultModelPath } from '../loraHost/defaultModelPath.js'
import { continuesWordOf } from './continuesWordOf.js'
import { formatShare } from './formatShare.js'
import { ansiHighlight, bracketHighlight, highlightSpans } from './highlightSpans.js'
import { datanetSpanCorpus } from './spanCorpus.js'

type ExplainOptions = { rpcUrl?: string; datanet: bigint; model: string; minLength: number }

export function attributionExplainCommand(attribution: Command, context: Context): void {
  withRpcUrl(attribution.command('explain').argument('<text>', 'the answer to explain'))
    .description(
      "Attribute a text to a datanet's accepted rows by verbatim spans: print it with the matched spans marked, then each contributor's share.",
    )
    .requiredOption('--datanet <id>', 'the datanet whose accepted rows are matched', parseDatanetId)
    .option('--model <path>', 'the base model whose tokenizer splits the text', defaultModelPath(context))
    .option('--min-length <n>', 'shortest span kept, in tokens', parseIntegerIn(1, 4096), 8)
    .action(async (text: string, options: ExplainOptions) => {
      const { tokenizer } = await loadBaseModel(options.model)
      await withDatanet(context, options.rpcUrl, options.datanet, async ({ store, datanet }) => {
        const answerTokens = tokenizer.encode(text)
        const corpus = await datanetSpanCorpus(store, datanet, tokenizer)
        const result = corpus
          ? await attributeAnswer({
              answerTokens,
              corpora: [corpus],
              spanOptions: { minLength: options.minLength, continuesWord: continuesWordOf(tokenizer) },
            })
          : undefined
        const colour = context.io.outIsTTY === true && !context.env.NO_COLOR
        const spans = result?.spans.flatMap((found) => found.spans) ?? []
        context.io.out(
          highlightSpans(answerTokens, spans, tokenizer.decode, colour ? ansiHighlight : bracketHighlight),
        )
        if (!result?.evidence) {
          const why = corpus
            ? `no span of ${options.minLength} or more tokens of it occurs in the accepted rows of datanet ${datanet.datanetId}`
            : `datanet ${datanet.datanetId} has no accepted rows`
          context.io.out(`No evidence: ${why}; nothing to split.`)
          return
        }
        context.io.out(`Contributors (${spans.length} matched span${spans.length === 1 ? '' : 's'}):`)
        for (const line of contributorLines(result)) context.io.out(`  ${line}`)
      })
    })
}

/** One line per contributor, largest share first: address, percentage, exact 1e18 fixed point, rows. */
function contributorLines(result: Extract<AttributeAnswerReturnType, { evidence: true }>): string[] {
  return result.contributors.map(({ contributor, share }) => {
    const rows: Hex[] = result.contributions
      .filter((c) => c.contributor === contributor)
      .sort((a, b) => (a.weight === b.weight ? 0 : a.weight > b.weight ? -1 : 1))
      .map((c) => c.rowId)
    return `${contributor}  ${formatShare(share).padStart(7)}  ${share} / 1e18  rows ${rows.join(', ')}`
  })
}
