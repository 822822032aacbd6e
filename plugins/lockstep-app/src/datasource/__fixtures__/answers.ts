import answers from './api-answers.json';

/**
 * Real answers of the correlator's query API over the repository's cryptominer example (written and checked by
 * collectors/correlator/src/api/plugin-fixtures.test.ts), so these tests convert what the API really sends.
 */
export type AnswerName = keyof typeof answers;

export interface Answer {
  path: string;
  status: number;
  body: unknown;
}

export function answer(name: AnswerName): Answer {
  // A deep copy: a test may change a body without touching the next test's.
  return JSON.parse(JSON.stringify(answers[name])) as Answer;
}

/** The body of an answer, typed as the test expects it. */
export function body<T>(name: AnswerName): T {
  return answer(name).body as T;
}

/** The example's data: every fixture request used this range (epoch ms). */
export const RANGE = { from: Date.parse('2026-04-23T09:00:00.000Z'), to: Date.parse('2026-04-23T12:00:00.000Z') };
export const MINER_INCIDENT = 'inc_8672e622071b1709';
