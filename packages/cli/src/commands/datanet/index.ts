import type { Command } from 'commander'
import type { Context } from '../../context.js'
import { datanetCommitCommand } from './commit.js'
import { datanetContributeCommand } from './contribute.js'
import { datanetCreateCommand } from './create.js'
import { datanetImportCommand } from './import.js'
import { datanetReviewCommand } from './review.js'
import { datanetRowsCommand } from './rows.js'
import { datanetSearchCommand } from './search.js'

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
