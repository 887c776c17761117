import { PassThrough } from 'node:stream'
import { describe, expect, it } from 'vitest'
import { importProgressBar } from './importProgressBar.js'

/** A stream that says it is a terminal, collecting what the bar draws. */
function fakeTerminal() {
  const stream = Object.assign(new PassThrough(), { isTTY: true, columns: 120 })
  let output = ''
  stream.on('data', (chunk: Buffer) => {
    output += chunk.toString()
  })
  return { stream: stream as unknown as NodeJS.WriteStream, output: () => output }
}

describe('importProgressBar', () => {
  it('draws one bar per phase with counts, fed by importRows’ onProgress events', () => {
    const terminal = fakeTerminal()
    const bar = importProgressBar(terminal.stream)
    for (let done = 1; done <= 4; done++) bar.update({ phase: 'checking', done, total: 4 })
    bar.update({ phase: 'storing', done: 0, total: 3 })
    bar.update({ phase: 'storing', done: 3, total: 3 })
    bar.stop()
    bar.stop()
    const text = terminal.output()
    expect(text).toContain('checking')
    expect(text).toContain('4/4 rows')
    expect(text).toContain('storing')
    expect(text).toContain('3/3 rows')
  })
})
