export { postTamperedEpoch, TAMPERED_EXTRA } from './postTamperedEpoch.js'
export {
  adapterCreatorOne,
  adapterCreators,
  adapterCreatorTwo,
  adapterHash,
  alice,
  BASE_MODEL,
  bob,
  bondSettler,
  CREATORS,
  PAYERS,
  SCENARIO_CAP,
  type Scenario,
  type ScenarioReceiptsOptions,
  SETTLER,
  scenarioReceipts,
  setUpScenario,
} from './settlementScenario.js'
