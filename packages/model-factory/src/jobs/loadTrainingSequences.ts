import { type DatanetRef, type DatanetRow, listRows } from '@openledger/datanets'
import type { Tokenizer } from '@openledger/lora-host'
import type { StoreSession } from '@openledger/store'
import { NoTrainingDataError } from '../train/errors.js'
import type { TokenSequence } from '../train/TrainingSession.js'
import { tokenizeRow } from '../train/tokenizeRow.js'

const PAGE = 1_000

/**
 * A datanet's accepted rows (oldest first) as training sequences, with their row ids in the same order. None is
 * `NoTrainingDataError`.
 */
export async function loadTrainingSequences(
  store: StoreSession,
  tokenizer: Tokenizer,
  datanet: DatanetRef,
): Promise<{ rows: DatanetRow[]; sequences: TokenSequence[] }> {
  const rows: DatanetRow[] = []
  for (;;) {
    const page = await listRows(store, { datanet, status: 'accepted', limit: PAGE, offset: rows.length })
    rows.push(...page)
    if (page.length < PAGE) break
  }
  if (rows.length === 0) throw new NoTrainingDataError(`datanet ${datanet.datanetId} has no accepted rows`)
  return { rows, sequences: rows.map((row) => tokenizeRow(tokenizer, row.content)) }
}
