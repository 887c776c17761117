export { seedAgentDatanet } from './seedAgentDatanet.js'
export { trainAdapter } from './trainAdapter.js'
