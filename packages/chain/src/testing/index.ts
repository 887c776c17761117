export { type DeployedDevnet, deployedDevnet } from './deployedDevnet.js'
