import type { ImportRowsError } from '@openledger/datanets'
import { BaseError } from '@openledger/errors'
import type { Hex } from 'viem'

/** `datanet contribute` needs exactly one content: `--text`, or `--prompt` with `--completion`. */
export class ContributionContentError extends BaseError {
  override name = 'ContributionContentError'
  constructor() {
    super('Give the row as --text <text>, or as --prompt <prompt> --completion <completion>; not both.')
  }
}

/** `datanet review` needs one decision. */
export class ReviewDecisionError extends BaseError {
  override name = 'ReviewDecisionError'
  constructor() {
    super('Say --accept, or --reject --reason <text>.')
  }
}

/** A row id given for one datanet belongs to another. */
export class RowNotInDatanetError extends BaseError {
  override name = 'RowNotInDatanetError'
  readonly rowId: Hex
  constructor(rowId: Hex, datanetId: bigint, actual: bigint) {
    super(`Row ${rowId} belongs to datanet ${actual}, not to datanet ${datanetId}.`)
    this.rowId = rowId
  }
}

/** The registry did not confirm some committed rows' proofs. */
export class RowProofRejectedError extends BaseError {
  override name = 'RowProofRejectedError'
  readonly rowIds: Hex[]
  constructor(rowIds: Hex[], batchIndex: number) {
    super(
      `The registry rejected the proof of ${rowIds.length} row${rowIds.length === 1 ? '' : 's'} of batch ${batchIndex}: ${rowIds.join(', ')}.`,
    )
    this.rowIds = rowIds
  }
}

/** An all-or-nothing import with bad lines: one line naming them, and the first one's problem. */
export class ImportRejectedError extends BaseError {
  override name = 'ImportRejectedError'
  readonly lines: number[]
  constructor(error: ImportRowsError) {
    const lines = error.lines.map((l) => l.line)
    const first = error.lines[0]
    const shown = lines.length > 20 ? `${lines.slice(0, 20).join(', ')}, …` : lines.join(', ')
    super(
      `${error.file}: nothing imported; bad line${lines.length === 1 ? '' : 's'} ${shown} (line ${first?.line}: ${first?.message}). Fix them, or pass --partial to import the good lines.`,
      { cause: error },
    )
    this.lines = lines
  }
}
