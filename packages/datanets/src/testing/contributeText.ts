import type { StoreSession } from '@openledger/store'
import type { LocalAccount } from 'viem'
import { contributeRow } from '../rows/contributeRow.js'
import { signContribution } from '../signing/signContribution.js'
import type { DatanetRef, DatanetRow, RowContent } from '../types.js'

/** For tests: `contributor` signs and contributes a row (a string is a text row) under CC-BY-4.0. */
export async function contributeText(
  store: StoreSession,
  datanet: DatanetRef,
  contributor: LocalAccount,
  row: string | RowContent,
  license = 'CC-BY-4.0',
): Promise<DatanetRow> {
  const content: RowContent = typeof row === 'string' ? { kind: 'text', text: row } : row
  const signature = await signContribution(contributor, { datanet, content, license })
  const { row: stored } = await contributeRow(store, {
    datanet,
    content,
    license,
    contributor: contributor.address,
    signature,
  })
  return stored
}
