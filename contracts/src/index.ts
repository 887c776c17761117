export { ADAPTER_CLAIM_DOMAIN, ADAPTER_CLAIM_TYPES, type AdapterClaim } from './adapterClaim.js'
export * from './generated/index.js'
export { OPEN_DECIMALS, WEI_PER_OPEN } from './openUnits.js'
