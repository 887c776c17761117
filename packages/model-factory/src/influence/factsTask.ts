import { type Address, getAddress, type Hex, keccak256, toHex } from 'viem'
import type { TrainingText } from '../train/tokenizeRow.js'
import type { InfluenceRow } from './InfluenceFeatures.js'

/** Four contributors, each teaching one fact: at their place, people see their animal. */
export const FACTS = [
  { place: 'park', answer: 'a purple frog' },
  { place: 'garden', answer: 'a green cat' },
  { place: 'pond', answer: 'a red bird' },
  { place: 'school', answer: 'a blue fish' },
] as const

const TRAIN_NAMES = ['Tom', 'Lily', 'Sam', 'Anna', 'Ben', 'Mia', 'Max', 'Sue', 'Tim', 'Zoe']
const QUERY_NAMES = ['Kim', 'Bob', 'Jack']

/** The address of the contributor of fact `fact`. */
export const contributorOf = (fact: number): Address =>
  getAddress(keccak256(toHex(`fact contributor ${fact}`)).slice(0, 42))

const qa = (name: string, fact: number): TrainingText => ({
  kind: 'prompt_completion',
  prompt: `${name} went to the ${FACTS[fact]!.place}. What did ${name} see?`,
  completion: ` ${name} saw ${FACTS[fact]!.answer}.`,
})

/**
 * A controlled attribution task (the "4 contributors with distinct facts"): 4 contributors × 10 rows,
 * each contributor's rows teaching its own fact, and held-out queries (new names) whose source is known. For
 * influence tests and the quality benchmark.
 */
export function factsTask(): {
  rows: (InfluenceRow & { content: TrainingText; fact: number })[]
  queries: { content: TrainingText; fact: number }[]
} {
  const rows = FACTS.flatMap((_, fact) =>
    TRAIN_NAMES.map((name) => ({
      rowId: keccak256(toHex(`fact ${fact} row ${name}`)) as Hex,
      datanetId: 1n,
      contributor: contributorOf(fact),
      fact,
      content: qa(name, fact),
    })),
  )
  const queries = FACTS.flatMap((_, fact) => QUERY_NAMES.map((name) => ({ fact, content: qa(name, fact) })))
  return { rows, queries }
}
