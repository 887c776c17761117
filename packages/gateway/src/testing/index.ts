export {
  STORY_ROWS,
  type StartTestGatewayOptions,
  startTestGateway,
  TEST_REDIS_URL,
  type TestGateway,
} from './startTestGateway.js'
export { datanetLookupTool, storyAgent } from './storyAgent.js'
