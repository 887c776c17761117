import { describeSchemaConformance } from '@openledger/store/conformance'
import { datanetsSchema } from './datanetsSchema.js'

describeSchemaConformance(datanetsSchema, {
  postgresUrl: process.env.DATABASE_URL ?? 'postgres://127.0.0.1:5432/test',
})
