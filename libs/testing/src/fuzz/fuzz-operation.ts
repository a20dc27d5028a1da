import fc from 'fast-check';
import type { Operation } from '@dew/contracts';
import type { FuzzFixtures } from './field-values.js';
import { answerProblems, stateProblems, type StreamPositions } from './oracle.js';
import { requestArbitrary, type FuzzRequest } from './request-arbitrary.js';
import { sendSigned, type FuzzTarget } from './send.js';

/** The seed and run count of a fuzz run (DEW_FUZZ_SEED / DEW_FUZZ_RUNS override the defaults). */
export interface FuzzRun {
  readonly seed: number;
  readonly numRuns: number;
}

/** Reads where the event streams stand (the AUDIT stream left out: it records refusals by design). */
export type StreamProbe = () => Promise<StreamPositions>;

/** The run from the environment, or the defaults given (the CI-sized run). */
export function fuzzRunFromEnv(defaults: FuzzRun, env: NodeJS.ProcessEnv = process.env): FuzzRun {
  const int = (text: string | undefined, fallback: number) => {
    const n = Number(text);
    return text !== undefined && text !== '' && Number.isSafeInteger(n) ? n : fallback;
  };
  return { seed: int(env.DEW_FUZZ_SEED, defaults.seed), numRuns: Math.max(1, int(env.DEW_FUZZ_RUNS, defaults.numRuns)) };
}

/** Each operation its own seed, derived from the run's: adding a row does not change the others' requests. */
export function seedOf(run: FuzzRun, op: Operation): number {
  let h = run.seed | 0;
  for (const ch of op.name) h = Math.imul(h ^ ch.charCodeAt(0), 0x01000193);
  return h | 0;
}

/**
 * Fuzzes one operation: signed requests from its arbitrary, each answer checked by the oracle
 * (no 5xx, refusals in the family's shape and code), and a refusal must not move any event stream.
 * Answers fast-check's details: `failed` with the (shrunk) counterexample and its problems.
 */
export function fuzzOperation(target: FuzzTarget, op: Operation, fixtures: FuzzFixtures, probe: StreamProbe, run: FuzzRun): Promise<fc.RunDetails<[FuzzRequest]>> {
  // Where the streams stood after the last refusal: where they still are, unless something changed them since.
  let known: StreamPositions | undefined;
  const property = fc.asyncProperty(requestArbitrary(op, fixtures), async (req) => {
    const before = known ?? (await probe());
    known = undefined;
    const res = await sendSigned(target, req);
    const problems = answerProblems(op.family, req.method, res);
    if (res.status >= 400) {
      const after = await probe();
      problems.push(...stateProblems(before, after));
      known = after;
    }
    if (problems.length > 0) throw new Error(`${op.name}: ${problems.join('; ')}`);
  });
  return fc.check(property, { seed: seedOf(run, op), numRuns: run.numRuns, includeErrorInReport: true });
}

/** fast-check's report of a failed run (seed, path, counterexample, error), or undefined when it passed. */
export function fuzzFailure(details: fc.RunDetails<[FuzzRequest]>): string | undefined {
  return details.failed ? fc.defaultReportMessage(details) : undefined;
}
