export * from './generated/index.js'
export { OPEN_DECIMALS, WEI_PER_OPEN } from './openUnits.js'
