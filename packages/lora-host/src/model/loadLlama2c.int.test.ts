import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { referenceForward } from '../reference/referenceForward.js'
import { referenceGreedy } from '../reference/referenceGreedy.js'
import { llama2cCheckpointOf } from '../testing/llama2cCheckpointOf.js'
import { createStreamDecoder } from '../tokenizer/createStreamDecoder.js'
import { loadLlama2c } from './loadLlama2c.js'

const dir = fileURLToPath(new URL('../../../../../shared/models/stories260K/', import.meta.url))
const paths = { checkpoint: join(dir, 'stories260K.bin'), tokenizer: join(dir, 'tok512.bin') }

/** ../shared/models/README.md */
const ORACLE =
  'Once upon a time, there was a little girl named Lily. She loved to play outside in the park. One day, she saw a big, red ball. She wanted to play with it, but it was too high.'
/** llama2.c's test_all.py expected_stdout: `./run stories260K.bin -z tok512.bin -t 0.0 -n 200`. */
const RUN_C_200_STEPS = `${ORACLE}\nLily's mom said, "Lily, let's go to the park." Lily was sad and didn't know what to do. She said, "I want to play with your ball, but I can't find it."\nLily was sad and didn't know what to do. She said, "I'm sorry, Lily. I didn't know what to do."\nLily didn't want to help her mom, so she`
/** llama2.c's README, the default 256 steps. */
const RUN_C_256_STEPS = `${RUN_C_200_STEPS} said, "I'm sorry, mom. I didn't know what to do." Her mom said, "Don't worry, Lily. We can help you.`

describe('loadLlama2c', () => {
  const model = loadLlama2c(paths)

  it('reads the stories260K header, shapes and file hash', () => {
    expect(model.id).toBe('stories260K')
    expect(model.source).toBe('llama2c')
    expect(model.sha256).toBe('b0a507e7ad0f626624f17112325e66691f9076d622e1d3274d103d00299f2696')
    expect(model.weights.config).toEqual({
      dim: 64,
      hiddenDim: 172,
      nLayers: 5,
      nHeads: 8,
      nKvHeads: 4,
      headDim: 8,
      vocabSize: 512,
      maxSeqLen: 512,
      normEps: 1e-5,
      ropeTheta: 10000,
      ropeStyle: 'interleaved',
      tiedEmbeddings: true,
    })
    const { layers, classifier, tokenEmbedding } = model.weights
    expect(layers).toHaveLength(5)
    expect(layers[0]!.wk).toHaveLength(32 * 64)
    expect(layers[4]!.w2).toHaveLength(64 * 172)
    expect(classifier).toBe(tokenEmbedding)
    expect(model.tokenizer).toMatchObject({ vocabSize: 512, bos: 1, eos: 2 })
  })

  it('greedy decoding from BOS reproduces llama2.c run.c token for token', () => {
    // run.c feeds BOS at pos 0 and prints one piece per step until `steps` (default 256) or a BOS.
    const ids = referenceGreedy(model.weights, [1], 256, undefined, { stop: [1] })
    expect(ids).toHaveLength(256)
    expect(ids).not.toContain(1)
    const text = model.tokenizer.decode([1, ...ids])
    expect(text.startsWith(ORACLE)).toBe(true)
    expect(text[ORACLE.length]).toBe('\n')
    expect(model.tokenizer.decode([1, ...ids.slice(0, 200)])).toBe(RUN_C_200_STEPS)
    expect(text).toBe(RUN_C_256_STEPS)

    const printed = ids.map((id, i) =>
      new TextDecoder().decode(model.tokenizer.decodePiece(i ? ids[i - 1]! : 1, id)),
    )
    expect(printed.join('')).toBe(text)
    const stream = createStreamDecoder(model.tokenizer, { context: [1] })
    expect(ids.map((id) => stream.push(id)).join('') + stream.flush()).toBe(text)
  })

  it('refuses a file whose size does not match its header', () => {
    const tmp = mkdtempSync(join(tmpdir(), 'llama2c-'))
    const bytes = readFileSync(paths.checkpoint)
    writeFileSync(join(tmp, 'short.bin'), bytes.subarray(0, bytes.length - 4))
    expect(() => loadLlama2c({ checkpoint: join(tmp, 'short.bin'), tokenizer: paths.tokenizer })).toThrow(
      /is 1056536 bytes but its header \(dim=64, .*\) needs exactly 1056540 bytes/,
    )
    const badHeads = new Uint8Array(bytes)
    new DataView(badHeads.buffer).setInt32(16, 3, true)
    writeFileSync(join(tmp, 'heads.bin'), badHeads)
    expect(() => loadLlama2c({ checkpoint: join(tmp, 'heads.bin'), tokenizer: paths.tokenizer })).toThrow(
      expect.objectContaining({
        name: 'ModelFormatError',
        shortMessage: expect.stringContaining('n_heads 8 is not divisible by n_kv_heads 3'),
      }),
    )
    const zero = new Uint8Array(bytes)
    new DataView(zero.buffer).setInt32(8, 0, true)
    writeFileSync(join(tmp, 'zero.bin'), zero)
    expect(() => loadLlama2c({ checkpoint: join(tmp, 'zero.bin'), tokenizer: paths.tokenizer })).toThrow(
      'header n_layers is 0, expected a positive number',
    )
  })

  it('reads an unshared classifier after the weights when vocab_size is negative', () => {
    const tmp = mkdtempSync(join(tmpdir(), 'llama2c-'))
    const config = { ...model.weights.config, tiedEmbeddings: false }
    const classifier = model.weights.tokenEmbedding.map((v, i) => (i % 3 === 0 ? -v : v))
    const untied = { ...model.weights, config, classifier }
    writeFileSync(join(tmp, 'untied.bin'), llama2cCheckpointOf(untied))
    const loaded = loadLlama2c({ checkpoint: join(tmp, 'untied.bin'), tokenizer: paths.tokenizer, id: 'u' })
    expect(loaded.id).toBe('u')
    expect(loaded.weights.config.tiedEmbeddings).toBe(false)
    expect(loaded.weights.classifier).toEqual(classifier)
    expect(loaded.weights.tokenEmbedding).toEqual(model.weights.tokenEmbedding)
    expect(loaded.weights.layers).toEqual(model.weights.layers)
    const tokens = [1, 403, 407]
    expect(referenceForward(loaded.weights, tokens)).not.toEqual(referenceForward(model.weights, tokens))
  })
})
