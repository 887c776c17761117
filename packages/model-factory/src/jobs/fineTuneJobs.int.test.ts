import { randomBytes } from 'node:crypto'
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { type DeployedDevnet, deployedDevnet } from '@openledger/chain/testing'
import {
  contributeRow,
  createDatanet,
  type Datanet,
  type RowContent,
  reviewRow,
  signContribution,
} from '@openledger/datanets'
import { datanetsSchema } from '@openledger/datanets/schema'
import { adapterSha256, type BaseModel, loadBaseModel, readPeftAdapterDir } from '@openledger/lora-host'
import { stories260KDir } from '@openledger/lora-host/testing'
import { openStore, type Store } from '@openledger/store'
import type { Queue, Worker } from 'bullmq'
import express from 'express'
import { privateKeyToAccount } from 'viem/accounts'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { readInfluenceFeatures } from '../influence/influenceFiles.js'
import { type FineTuneQueueConnection, fineTuneQueue } from './fineTuneQueue.js'
import { type FineTuneRouter, fineTuneRouter } from './fineTuneRouter.js'
import { startFineTuneWorker } from './startFineTuneWorker.js'
import { readTrainingManifest } from './trainingManifest.js'

const names = ['Tom', 'Lily', 'Sam', 'Anna', 'Ben', 'Mia', 'Max', 'Sue', 'Tim', 'Zoe']
const places = ['park', 'garden', 'forest', 'pond']
const frogRows: RowContent[] = names.flatMap((name) =>
  places.map((place) => ({
    kind: 'prompt_completion' as const,
    prompt: `${name} went to the ${place}. What did ${name} see?`,
    completion: ` ${name} saw a purple frog.`,
  })),
)
const longRow: RowContent = {
  kind: 'prompt_completion',
  prompt: 'Once upon a time there was a little girl who liked to play in the big green garden with her dog.',
  completion:
    ' One day she found a shiny red ball under a tree, and she played with it all day long until dark.',
}

const connection: FineTuneQueueConnection = {
  redis: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379',
  prefix: `test-fine-tune-${randomBytes(4).toString('hex')}`,
}
const directory = mkdtempSync(join(tmpdir(), 'openledger-fine-tune-jobs-'))
const outputDir = join(directory, 'adapters')
let chain: DeployedDevnet
let store: Store
let model: BaseModel
let queue: Queue
let worker: Worker
let api: FineTuneRouter
let server: ReturnType<ReturnType<typeof express>['listen']>
let url: string
const datanets: Record<'frogs' | 'empty' | 'long', Datanet> = {} as never

beforeAll(async () => {
  chain = await deployedDevnet()
  store = await openStore({ directory, schemas: [datanetsSchema] })
  model = await loadBaseModel(stories260KDir)
  const account = (i: number) => privateKeyToAccount(chain.devnet.accounts[i]!.privateKey)
  const curator = account(7)
  const contributor = account(8)
  const newDatanet = () =>
    createDatanet(chain.connection, store, {
      registry: chain.manifest.contracts.DatanetRegistry,
      account: curator,
      license: 'CC-BY-4.0',
      metadataURI: 'ipfs://frogs.json',
      name: 'frogs',
    })
  const accept = async (datanet: Datanet, content: RowContent) => {
    const signature = await signContribution(contributor, { datanet, content, license: 'CC-BY-4.0' })
    const { row } = await contributeRow(store, {
      datanet,
      content,
      license: 'CC-BY-4.0',
      contributor: contributor.address,
      signature,
    })
    await reviewRow(chain.connection, store, {
      rowId: row.rowId,
      curator: curator.address,
      decision: 'accepted',
    })
    return row
  }
  datanets.frogs = await newDatanet()
  datanets.empty = await newDatanet()
  datanets.long = await newDatanet()
  for (const content of frogRows) await accept(datanets.frogs, content)
  for (const content of frogRows.slice(0, 4)) await accept(datanets.long, content)
  await accept(datanets.long, longRow)

  queue = fineTuneQueue(connection)
  worker = startFineTuneWorker({ ...connection, store, model })
  api = fineTuneRouter({ queue })
  const app = express().use(api.router)
  server = app.listen(0, '127.0.0.1')
  await new Promise((resolve) => server.once('listening', resolve))
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
}, 60_000)

afterAll(async () => {
  await new Promise((resolve) => server?.close(resolve))
  await api?.close()
  await worker?.close()
  await queue?.obliterate({ force: true })
  await queue?.close()
  await store?.close()
  chain?.cleanup()
  rmSync(directory, { recursive: true, force: true })
})

const payload = (datanet: Datanet, extra: Record<string, unknown> = {}) => ({
  datanet: {
    chainId: datanet.chainId,
    registry: datanet.registry,
    datanetId: datanet.datanetId.toString(),
  },
  rank: 4,
  steps: 20,
  batch: 4,
  seqLen: 48,
  lr: 3e-3,
  seed: 7,
  outputDir,
  ...extra,
})

const post = async (path: string, body?: unknown) => {
  const response = await fetch(`${url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  })
  return { status: response.status, body: (await response.json()) as Record<string, unknown> }
}

type Event = { event: string; data: Record<string, unknown> }

/** Reads a job's Server-Sent Events until the server ends the stream; `onEvent` sees each as it comes. */
async function readEvents(id: string, onEvent?: (event: Event) => void): Promise<Event[]> {
  const response = await fetch(`${url}/v1/fine-tunes/${id}/events`)
  expect(response.headers.get('content-type')).toMatch(/^text\/event-stream/)
  const events: Event[] = []
  let buffer = ''
  const decoder = new TextDecoder()
  for await (const chunk of response.body!) {
    buffer += decoder.decode(chunk, { stream: true })
    let end = buffer.indexOf('\n\n')
    while (end >= 0) {
      const block = buffer.slice(0, end)
      buffer = buffer.slice(end + 2)
      const event = /^event: (.*)$/m.exec(block)![1]!
      const data = JSON.parse(/^data: (.*)$/m.exec(block)![1]!)
      events.push({ event, data })
      onEvent?.({ event, data })
      end = buffer.indexOf('\n\n')
    }
  }
  return events
}

const enqueue = async (body: unknown) => {
  const { status, body: answer } = await post('/v1/fine-tunes', body)
  expect(status).toBe(201)
  return answer.id as string
}

describe('fine-tune jobs', () => {
  test('a job runs through the worker: progress over SSE, then the adapter, its manifest and its result', async () => {
    const id = await enqueue(payload(datanets.frogs, { name: 'frog' }))
    const events = await readEvents(id)
    const progress = events.filter((e) => e.event === 'progress')
    expect(progress.length).toBeGreaterThanOrEqual(10)
    expect(progress.at(-1)!.data).toMatchObject({ step: 20, totalSteps: 20, evalLoss: expect.any(Number) })
    const last = events.at(-1)!
    expect(last.event).toBe('completed')
    const result = last.data.result as Record<string, unknown>
    const adapterDir = join(outputDir, 'frog')
    expect(result).toMatchObject({
      adapterDir,
      datanetIds: [datanets.frogs.datanetId.toString()],
      stepsRun: 20,
      trainingRowsRoot: expect.stringMatching(/^0x[0-9a-f]{64}$/),
    })
    expect(result.rowIds).toHaveLength(frogRows.length)
    expect(result.bestEvalLoss).toBeLessThanOrEqual(result.baseEvalLoss as number)
    const files = await readPeftAdapterDir(adapterDir)
    expect(`0x${adapterSha256(files)}`).toBe(result.adapterSha256)
    expect(Buffer.from(files.config).toString()).toContain('"r": 4')
    const manifest = readTrainingManifest(adapterDir)
    expect(manifest).toMatchObject({
      adapterSha256: result.adapterSha256,
      trainingRowsRoot: result.trainingRowsRoot,
      baseModel: { id: model.id, sha256: `0x${model.sha256}` },
      seed: 7,
    })
    // Influence features of the rows trained on (not the held-out ones), at 3 checkpoints, beside the adapter.
    const influence = readInfluenceFeatures(adapterDir)
    expect(influence.checkpoints).toHaveLength(3)
    expect(influence.rows.length).toBeGreaterThan(0)
    expect(influence.rows.length).toBeLessThan(frogRows.length)
    expect(influence.rows.every((r) => (result.rowIds as string[]).includes(r.rowId))).toBe(true)
    const status = await fetch(`${url}/v1/fine-tunes/${id}`).then((r) => r.json())
    expect(status).toMatchObject({ id, state: 'completed', progress: { step: 20 }, result })
  })

  test('a datanet with no accepted rows fails the job with NoTrainingDataError', async () => {
    const id = await enqueue(payload(datanets.empty))
    const last = (await readEvents(id)).at(-1)!
    expect(last.event).toBe('failed')
    expect(last.data.error).toEqual({
      name: 'NoTrainingDataError',
      message: `Nothing to train on: datanet ${datanets.empty.datanetId} has no accepted rows.`,
    })
  })

  test('a row longer than seqLen fails the job, naming the row', async () => {
    const id = await enqueue(payload(datanets.long))
    const last = (await readEvents(id)).at(-1)!
    expect(last.event).toBe('failed')
    // One assertion on name and message together, so a failure shows what the job really failed with.
    expect(last.data.error).toMatchObject({
      name: 'SequenceTooLongError',
      message: expect.stringMatching(
        /^Training row 0x[0-9a-f]{64} is \d+ tokens; the context holds 49 \(with BOS\)\.$/,
      ),
    })
  })

  test('rank 0, a rank above the maximum, steps above the bound and a bad datanet id are 400s naming the field; an unknown job a 404', async () => {
    expect(await post('/v1/fine-tunes', payload(datanets.frogs, { rank: 0 }))).toEqual({
      status: 400,
      body: {
        error: {
          field: 'rank',
          message: "Invalid fine-tune: rank must be an integer from 1 to 16 (the host's maximum).",
        },
      },
    })
    expect(await post('/v1/fine-tunes', payload(datanets.frogs, { rank: 17 }))).toEqual({
      status: 400,
      body: {
        error: { field: 'rank', message: expect.stringMatching(/rank must be an integer from 1 to 16/) },
      },
    })
    const badId = payload(datanets.frogs)
    badId.datanet.datanetId = '0x1'
    expect((await post('/v1/fine-tunes', badId)).body).toEqual({
      error: {
        field: 'datanet.datanetId',
        message: 'Invalid fine-tune: datanet.datanetId must be a positive decimal integer.',
      },
    })
    expect(await post('/v1/fine-tunes/999999/cancel')).toEqual({
      status: 404,
      body: { error: { message: 'No fine-tune job 999999.', code: 'fine_tune_not_found' } },
    })
    expect(await post('/v1/fine-tunes', payload(datanets.frogs, { steps: 10_001 }))).toEqual({
      status: 400,
      body: {
        error: {
          field: 'steps',
          message:
            'Invalid fine-tune: steps must be an integer from 1 to 10000 (the most steps a job may take).',
        },
      },
    })
    expect((await fetch(`${url}/v1/fine-tunes/999999/events`)).status).toBe(404)
  })

  test('a bad payload queued directly fails at once, without retries, saying what is wrong', async () => {
    const job = await queue.add('fine-tune', { ...payload(datanets.frogs), rank: 'eight' })
    const last = (await readEvents(job.id!)).at(-1)!
    expect(last.data.error).toEqual({
      name: 'InvalidFineTunePayloadError',
      message: "Invalid fine-tune: rank must be an integer from 1 to 16 (the host's maximum).",
    })
    expect((await queue.getJob(job.id!))!.attemptsMade).toBe(1)
  })

  test('a job cancelled halfway fails as cancelled and leaves no adapter directory', async () => {
    const id = await enqueue(payload(datanets.frogs, { name: 'cancelled', steps: 10_000 }))
    let cancel: Promise<unknown> | undefined
    const events = await readEvents(id, (event) => {
      if (event.event === 'progress' && (event.data.step as number) >= 5 && !cancel)
        cancel = post(`/v1/fine-tunes/${id}/cancel`)
    })
    expect(await cancel).toEqual({ status: 200, body: { id, cancelling: true, state: 'active' } })
    const last = events.at(-1)!
    expect(last.event).toBe('failed')
    expect(last.data.error).toMatchObject({
      name: 'FineTuneCancelledError',
      message: expect.stringMatching(/^The fine-tune was cancelled at step \d+; no adapter was written\.$/),
    })
    expect(existsSync(join(outputDir, 'cancelled'))).toBe(false)
    expect(readdirSync(outputDir).filter((name) => name.startsWith('.'))).toEqual([])
    expect(await post(`/v1/fine-tunes/${id}/cancel`)).toMatchObject({
      body: { cancelling: false, state: 'failed' },
    })
  })
})
