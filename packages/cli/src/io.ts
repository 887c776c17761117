/** Where commands write; tests capture it. */
export type Io = {
  out: (line: string) => void
  err: (line: string) => void
  /** Whether stdout is a terminal (answers are highlighted in colour there); absent: it is not. */
  outIsTTY?: boolean
  /** stderr when it is a terminal, for progress bars; absent otherwise (pipes and tests get no bar). */
  progressStream?: NodeJS.WriteStream | undefined
}

export const processIo: Io = {
  out: (line) => process.stdout.write(`${line}\n`),
  err: (line) => process.stderr.write(`${line}\n`),
  get outIsTTY() {
    return process.stdout.isTTY === true
  },
  get progressStream() {
    return process.stderr.isTTY ? process.stderr : undefined
  },
}
