import { contributeRow, type RowContent, signContribution } from '@openledger/datanets'
import type { Command } from 'commander'
import { privateKeyToAccount } from 'viem/accounts'
import { withKey } from '../../commonOptions.js'
import { type Context, type KeyOptions, resolveKey } from '../../context.js'
import { parseDatanetId, parseLicense } from '../../options.js'
import { ContributionContentError } from './errors.js'
import { withDatanet } from './withDatanet.js'

type ContributeOptions = KeyOptions & {
  rpcUrl?: string
  text?: string
  prompt?: string
  completion?: string
  license: string
}

function contentOf(options: ContributeOptions): RowContent {
  const { text, prompt, completion } = options
  if (text !== undefined && prompt === undefined && completion === undefined) return { kind: 'text', text }
  if (text === undefined && prompt !== undefined && completion !== undefined)
    return { kind: 'prompt_completion', prompt, completion }
  throw new ContributionContentError()
}

export function datanetContributeCommand(datanet: Command, context: Context): void {
  withKey(
    datanet.command('contribute').argument('<id>', 'the datanet', parseDatanetId),
    'contributor key: signs the row (EIP-712)',
  )
    .description('Contribute one row, signed by the key as its contributor; it waits for the curator.')
    .option('--text <text>', 'a plain-text row')
    .option('--prompt <prompt>', 'a prompt/completion row: the prompt')
    .option('--completion <completion>', 'a prompt/completion row: the completion')
    .requiredOption('--license <spdx>', "the row's license, an SPDX id (e.g. CC-BY-4.0)", parseLicense)
    .action(async (datanetId: bigint, options: ContributeOptions) => {
      const content = contentOf(options)
      await withDatanet(context, options.rpcUrl, datanetId, async ({ connection, store, datanet }) => {
        const contributor = privateKeyToAccount(
          resolveKey(context, options, connection.chainId, 'contributor'),
        )
        const { license } = options
        const signature = await signContribution(contributor, { datanet, content, license })
        const { row, created } = await contributeRow(store, {
          datanet,
          content,
          license,
          contributor: contributor.address,
          signature,
        })
        context.io.out(
          created
            ? `New row ${row.rowId} from ${row.contributor}, pending review.`
            : `Duplicate: row ${row.rowId} was already contributed by ${row.contributor} (${row.status}); not counted again.`,
        )
      })
    })
}
