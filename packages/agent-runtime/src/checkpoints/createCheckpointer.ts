import type { BaseCheckpointSaver } from '@langchain/langgraph'
import { PostgresSaver } from '@langchain/langgraph-checkpoint-postgres'
import { SqliteSaver } from '@langchain/langgraph-checkpoint-sqlite'
import { postgresUrlWithDefaultUser } from '@openledger/store'

/**
 * LangGraph's checkpointer for conversation threads, on the same databases as the store: PostgreSQL for a
 * `postgres://` URL (tables created on first use), else SQLite at a file path (or `:memory:`).
 *
 * @example
 * const checkpointer = await createCheckpointer(process.env.DATABASE_URL ?? '.openledger/threads.sqlite')
 * const graph = builder.compile({ checkpointer })
 */
export async function createCheckpointer(databaseUrl: string): Promise<BaseCheckpointSaver> {
  if (/^postgres(ql)?:\/\//i.test(databaseUrl)) {
    const saver = PostgresSaver.fromConnString(postgresUrlWithDefaultUser(databaseUrl))
    await saver.setup()
    return saver
  }
  return SqliteSaver.fromConnString(databaseUrl.replace(/^sqlite:(\/\/)?/i, ''))
}
