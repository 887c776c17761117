import { describeSchemaConformance } from '@openledger/store/conformance'
import { gatewaySchema } from './gatewaySchema.js'

describeSchemaConformance(gatewaySchema, {
  postgresUrl: process.env.DATABASE_URL ?? 'postgres://127.0.0.1:5432/test',
})
