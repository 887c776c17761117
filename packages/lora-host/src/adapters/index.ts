export { AdapterCache, type AdapterCacheStats, type AdapterSource } from './AdapterCache.js'
export { AdapterExistsError } from './AdapterExistsError.js'
export { AdapterIndexError } from './AdapterIndexError.js'
export { AdapterInUseError } from './AdapterInUseError.js'
export { AdapterNotFoundError } from './AdapterNotFoundError.js'
export { AdapterPinLimitError } from './AdapterPinLimitError.js'
export { type AdapterInfo, AdapterRegistry, type RegisterAdapterParameters } from './AdapterRegistry.js'
export { AdapterSlotError } from './AdapterSlotError.js'
export { AdapterSlotsPinnedError } from './AdapterSlotsPinnedError.js'
export { AdapterValidationError } from './AdapterValidationError.js'
export { adapterSha256 } from './adapterSha256.js'
export { createSlotBuffers, type SlotBuffers } from './createSlotBuffers.js'
export { InvalidAdapterNameError } from './InvalidAdapterNameError.js'
export { type AdapterConfig, parseAdapterConfig } from './parseAdapterConfig.js'
export {
  type AdapterBase,
  type ParsedPeftAdapter,
  type PeftAdapterFiles,
  parsePeftAdapter,
} from './parsePeftAdapter.js'
export { peftKey } from './peftKey.js'
export { readPeftAdapterDir } from './readPeftAdapterDir.js'
export { writeSlot } from './writeSlot.js'
