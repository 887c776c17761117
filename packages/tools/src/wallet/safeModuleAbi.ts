import { parseAbi } from 'viem'

/**
 * The module-management part of the Safe v1.4.1 ABI, its threshold and nonce, typed (the chain package's `safeAbi` is
 * untyped JSON).
 */
export const safeModuleAbi = parseAbi([
  'function enableModule(address module)',
  'function disableModule(address prevModule, address module)',
  'function isModuleEnabled(address module) view returns (bool)',
  'function getModulesPaginated(address start, uint256 pageSize) view returns (address[] array, address next)',
  'function getThreshold() view returns (uint256)',
  'function nonce() view returns (uint256)',
  'event EnabledModule(address indexed module)',
  'event DisabledModule(address indexed module)',
])
