import type { Command } from 'commander'
import type { Context } from '../context.js'
import { datanetCommitCommand } from './datanet/commitCommand.js'
import { datanetContributeCommand } from './datanet/contributeCommand.js'
import { datanetCreateCommand } from './datanet/createCommand.js'
import { datanetImportCommand } from './datanet/importCommand.js'
import { datanetReviewCommand } from './datanet/reviewCommand.js'
import { datanetRowsCommand } from './datanet/rowsCommand.js'
import { datanetSearchCommand } from './datanet/searchCommand.js'

/** `openledger datanet …`: community datasets, from contribution through review to on-chain commits and search. */
export function datanetCommand(program: Command, context: Context): void {
  const datanet = program
    .command('datanet')
    .description('Datanets: create, contribute, import, review, list rows, commit on-chain, search.')
  datanetCreateCommand(datanet, context)
  datanetContributeCommand(datanet, context)
  datanetImportCommand(datanet, context)
  datanetReviewCommand(datanet, context)
  datanetRowsCommand(datanet, context)
  datanetCommitCommand(datanet, context)
  datanetSearchCommand(datanet, context)
}
