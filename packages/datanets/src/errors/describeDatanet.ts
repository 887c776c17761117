import type { DatanetRef } from '../types.js'

/** `datanet 3 (registry 0x…, chain 31337)`: how errors name a datanet. */
export function describeDatanet(datanet: DatanetRef): string {
  return `datanet ${datanet.datanetId} (registry ${datanet.registry}, chain ${datanet.chainId})`
}
