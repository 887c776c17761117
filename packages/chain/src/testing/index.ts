export { type DeployedDevnet, deployedDevnet } from './deployedDevnet.js'
export { type Revert, revertOf } from './revertOf.js'
