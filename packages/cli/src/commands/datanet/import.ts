import {
  ImportRowsError,
  type ImportRowsReturnType,
  importProgressBar,
  importRows,
} from '@openledger/datanets'
import { type Command, Option } from 'commander'
import type { LocalAccount } from 'viem'
import { privateKeyToAccount } from 'viem/accounts'
import { withKey } from '../../commonOptions.js'
import { type Context, type KeyOptions, MissingKeyError, resolveKey } from '../../context.js'
import { parseDatanetId, parseLicense } from '../../options.js'
import { ImportRejectedError } from './errors.js'
import { withDatanet } from './withDatanet.js'

type ImportOptions = KeyOptions & {
  rpcUrl?: string
  format?: 'jsonl' | 'csv'
  license?: string
  partial?: boolean
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`
}

function summaryOf(result: ImportRowsReturnType): string {
  const { imported, duplicates, invalid } = result
  const bad = invalid.length
    ? ` (line${invalid.length === 1 ? '' : 's'} ${invalid.map((l) => l.line).join(', ')})`
    : ''
  return `Imported ${plural(imported, 'row')}, ${plural(duplicates, 'duplicate')}, ${invalid.length} invalid${bad}.`
}

export function datanetImportCommand(datanet: Command, context: Context): void {
  withKey(
    datanet
      .command('import')
      .argument('<id>', 'the datanet', parseDatanetId)
      .argument('<file>', 'a .jsonl or .csv file'),
    'contributor key: signs the rows that carry no signature',
  )
    .description(
      'Import rows from JSONL ({"text"} or {"prompt","completion"} per line) or CSV (a text, or prompt and completion, column), pending review. All or nothing unless --partial.',
    )
    .addOption(
      new Option('--format <format>', 'the file format (default: from the extension)').choices([
        'jsonl',
        'csv',
      ]),
    )
    .option('--license <spdx>', "license of rows that name none (default: the datanet's)", parseLicense)
    .option('--partial', 'import the good lines and report the bad ones, instead of importing nothing')
    .action(async (datanetId: bigint, file: string, options: ImportOptions) => {
      await withDatanet(context, options.rpcUrl, datanetId, async ({ connection, store, datanet }) => {
        const signer = signerOf(context, options, connection.chainId)
        const stream = context.io.progressStream
        const bar = stream ? importProgressBar(stream) : undefined
        let result: ImportRowsReturnType
        try {
          result = await importRows(store, {
            datanet,
            file,
            format: options.format,
            signer,
            license: options.license,
            partial: options.partial ?? false,
            onProgress: bar?.update,
          })
        } catch (error) {
          throw error instanceof ImportRowsError ? new ImportRejectedError(error) : error
        } finally {
          bar?.stop()
        }
        context.io.out(summaryOf(result))
        for (const bad of result.invalid) context.io.out(`  line ${bad.line}: ${bad.message}`)
      })
    })
}

/** The key's account, or none: an import of pre-signed rows needs no key. */
function signerOf(context: Context, options: KeyOptions, chainId: number): LocalAccount | undefined {
  try {
    return privateKeyToAccount(resolveKey(context, options, chainId, 'contributor'))
  } catch (error) {
    if (error instanceof MissingKeyError) return undefined
    throw error
  }
}
