import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { generatePeftAdapter } from '../adapters/testing.js'
import { LoraHost, type LoraHostOptions } from '../host/LoraHost.js'
import { loadBaseModel } from '../model/loadBaseModel.js'
import { stories260KDir } from './sharedModels.js'

export type TestHost = { host: LoraHost; directory: string; close: () => Promise<void> }

/**
 * For tests and benchmarks: a LoraHost over stories260K with `adapters` random rank-8 adapters registered as
 * `a0`, `a1`, … in a temporary directory.
 */
export async function createTestHost(
  parameters: { adapters?: number; options?: Partial<Omit<LoraHostOptions, 'model' | 'adaptersDir'>> } = {},
): Promise<TestHost> {
  const directory = mkdtempSync(join(tmpdir(), 'openledger-lora-'))
  const model = await loadBaseModel(stories260KDir)
  const host = await LoraHost.create({
    model,
    adaptersDir: join(directory, 'adapters'),
    ...parameters.options,
  })
  for (let i = 0; i < (parameters.adapters ?? 0); i++) {
    const modules = parameters.options?.loraModules
    const files = generatePeftAdapter({
      config: model.weights.config,
      rank: 8,
      alpha: 32,
      seed: 100 + i,
      ...(modules ? { modules } : {}),
    })
    await host.registerAdapter({ name: `a${i}`, files })
  }
  return {
    host,
    directory,
    close: async () => {
      await host.close()
      rmSync(directory, { recursive: true, force: true })
    },
  }
}
