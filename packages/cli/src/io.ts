/** Where commands write; tests capture it. */
export type Io = { out: (line: string) => void; err: (line: string) => void }

export const processIo: Io = {
  out: (line) => process.stdout.write(`${line}\n`),
  err: (line) => process.stderr.write(`${line}\n`),
}
