import { describeSchemaConformance } from '@openledger/store/conformance'
import { provisionSchema } from './provisionSchema.js'

describeSchemaConformance(provisionSchema, {
  postgresUrl: process.env.DATABASE_URL ?? 'postgres://127.0.0.1:5432/test',
})
