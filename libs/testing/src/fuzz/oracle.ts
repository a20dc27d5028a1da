import type { ErrorFamily } from '@dew/contracts';
import type { FuzzResponse } from './send.js';

/** The last sequence of each event stream (docs/input-limits.md, "Fuzzing"). */
export type StreamPositions = Readonly<Record<string, number>>;

const PREFIX: Readonly<Record<ErrorFamily, string>> = { kms: 'KMS.', kps: 'KPS.', dhsm: 'DHSM.', csms: 'CSMS.', cts: 'CTS.', iam: 'IAM.' };
/** Families whose body nests the pair under `error` (docs/api-decisions.md, "Error families"). */
const NESTED = new Set<ErrorFamily>(['kms', 'kps', 'dhsm']);

const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);
const str = (v: unknown): v is string => typeof v === 'string';

/** What is wrong with the body of a refusal, for its family's shape and code. */
function bodyProblems(family: ErrorFamily, status: number, json: unknown): string[] {
  if (!isObject(json)) return ['the refusal is not a JSON object'];
  const prefix = PREFIX[family];
  const code = (c: unknown, where: string) => (str(c) && c.startsWith(prefix) ? [] : [`${where} is ${JSON.stringify(c)}, not a ${prefix}xxxx code`]);
  const error = json.error;
  if (NESTED.has(family)) {
    if (!isObject(error)) return [`no nested "error" object (the ${family} shape)`];
    return [...code(error.error_code, 'error.error_code'), ...(str(error.error_msg) ? [] : ['error.error_msg is not a string'])];
  }
  if (family === 'iam') {
    const keystone = isObject(error) && error.code === status && str(error.message) && str(error.title);
    return [...(keystone ? [] : ['not the Keystone shape {error:{code:<status>,message,title}}']), ...code(json.error_code, 'error_code')];
  }
  return [...(error === undefined ? [] : ['a nested "error" in a flat family']), ...code(json.error_code, 'error_code'), ...(str(json.error_msg) ? [] : ['error_msg is not a string'])];
}

/**
 * The oracle for one answer: never a 5xx (nor anything but 2xx and 4xx), and every refusal in the
 * body shape and code family of the service the route belongs to. HEAD answers carry no body.
 */
export function answerProblems(family: ErrorFamily, method: string, res: FuzzResponse): string[] {
  if (res.status >= 500) return [`answered ${res.status}: ${res.text.slice(0, 300)}`];
  if (res.status < 200 || (res.status >= 300 && res.status < 400)) return [`answered ${res.status}`];
  if (res.status < 400 || method === 'HEAD') return [];
  return bodyProblems(family, res.status, res.json).map((p) => `${res.status} refusal: ${p}: ${res.text.slice(0, 300)}`);
}

/** A refusal must leave every event stream where it was. */
export function stateProblems(before: StreamPositions, after: StreamPositions): string[] {
  return Object.keys({ ...before, ...after })
    .filter((s) => before[s] !== after[s])
    .map((s) => `the refusal moved stream ${s} from ${before[s]} to ${after[s]}`);
}
