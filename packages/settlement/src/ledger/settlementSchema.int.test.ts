import { describeSchemaConformance } from '@openledger/store/conformance'
import { settlementSchema } from './settlementSchema.js'

describeSchemaConformance(settlementSchema, {
  postgresUrl: process.env.DATABASE_URL ?? 'postgres://127.0.0.1:5432/test',
})
