/**
 * Custom policy documents: `Version` "1.1", a `Statement` list of
 * Allow/Deny statements over actions and optional resources. `validatePolicyDocument` turns raw
 * parsed JSON into a `PolicyDocument` or throws IAM.0001 naming the exact place
 * (`Statement[1].Action[0] "kms:cmk" must be service:resource:action`). `Condition` is refused:
 * DEW does not evaluate conditions, so a conditional Allow must never act as an unconditional one.
 */
import { PolicyDocumentInvalid } from '@dew/contracts';
import { shown } from '../fields/limits.js';

export type Effect = 'Allow' | 'Deny';
export interface Statement {
  readonly Effect: Effect;
  /** `service:resource:action`, `*` and `?` wildcards allowed in each part. */
  readonly Action: readonly string[];
  /** `svc:region:account:type:path` patterns; absent = every resource. */
  readonly Resource?: readonly string[];
}
export interface PolicyDocument {
  readonly Version: '1.1';
  readonly Statement: readonly Statement[];
}

export const STATEMENTS_PER_POLICY = 50;
export const ACTIONS_PER_STATEMENT = 100;
export const RESOURCES_PER_STATEMENT = 10;
export const RESOURCE_MAX_LENGTH = 128;

/** Lower-case service; resource part may be empty (v5 names such as `csms::getEvent`). */
const ACTION = /^[a-z0-9*?-]+:[A-Za-z0-9_*?-]*:[A-Za-z0-9_*?-]+$/;
const RESOURCE_PART = [/^[A-Za-z0-9*?-]+$/, /^[A-Za-z0-9_*?-]+$/, /^[A-Za-z0-9_*?-]+$/, /^[A-Za-z0-9_*?-]+$/, /^[^\s:]+$/u];
const DOCUMENT_KEYS = ['Version', 'Statement'];
const STATEMENT_KEYS = ['Effect', 'Action', 'Resource'];

const invalid = PolicyDocumentInvalid;

/** How a JSON value is described in a refusal. */
function got(value: unknown): string {
  if (value === undefined) return 'missing';
  if (value === null) return 'got null';
  if (Array.isArray(value)) return 'got an array';
  if (typeof value === 'string') return `got ${shown(value)}`;
  if (typeof value === 'object') return 'got an object';
  return `got ${typeof value} ${shown(value)}`;
}

function isObject(value: unknown): value is Readonly<Record<string, unknown>> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** `place` is `Statement[i]`, or null for the document itself. */
function checkKeys(place: string | null, value: Readonly<Record<string, unknown>>, allowed: readonly string[]): void {
  for (const key of Object.keys(value)) {
    if (key === 'Condition') throw invalid(`${place === null ? '' : `${place}.`}Condition is not supported by DEW`);
    if (!allowed.includes(key)) {
      throw invalid(`${place ?? 'policy document'} has an unknown key ${shown(key)} (allowed: ${allowed.join(', ')})`);
    }
  }
}

function stringList(place: string, value: unknown, max: number, what: string): readonly string[] {
  if (!Array.isArray(value) || value.length === 0) throw invalid(`${place} must be a non-empty array of ${what} (${got(value)})`);
  if (value.length > max) throw invalid(`${place} has ${value.length} entries (limit ${max})`);
  return value.map((entry: unknown, i) => {
    if (typeof entry !== 'string') throw invalid(`${place}[${i}] must be a string (${got(entry)})`);
    return entry;
  });
}

function checkAction(place: string, action: string): void {
  if (!ACTION.test(action)) {
    throw invalid(`${place} ${shown(action)} must be service:resource:action (lower-case service; letters, digits, "_", "-", "*", "?")`);
  }
}

function checkResource(place: string, resource: string): void {
  const length = [...resource].length;
  if (length > RESOURCE_MAX_LENGTH) throw invalid(`${place} must be at most ${RESOURCE_MAX_LENGTH} characters (got ${length})`);
  const parts = resource.split(':');
  if (parts.length !== 5 || parts.some((part, i) => !(RESOURCE_PART[i]?.test(part) ?? false))) {
    throw invalid(`${place} ${shown(resource)} must be svc:region:account:type:path (e.g. KMS:*:*:KeyId:<key id>)`);
  }
}

function statement(raw: unknown, index: number): Statement {
  const place = `Statement[${index}]`;
  if (!isObject(raw)) throw invalid(`${place} must be an object (${got(raw)})`);
  checkKeys(place, raw, STATEMENT_KEYS);
  const effect = raw['Effect'];
  if (effect !== 'Allow' && effect !== 'Deny') throw invalid(`${place}.Effect must be "Allow" or "Deny" (${got(effect)})`);
  const actions = stringList(`${place}.Action`, raw['Action'], ACTIONS_PER_STATEMENT, 'actions');
  actions.forEach((action, i) => checkAction(`${place}.Action[${i}]`, action));
  if (raw['Resource'] === undefined) return { Effect: effect, Action: actions };
  const resources = stringList(`${place}.Resource`, raw['Resource'], RESOURCES_PER_STATEMENT, 'resources');
  resources.forEach((resource, i) => checkResource(`${place}.Resource[${i}]`, resource));
  return { Effect: effect, Action: actions, Resource: resources };
}

/** The validated document (a fresh copy holding only the known keys), or IAM.0001 naming the place. */
export function validatePolicyDocument(raw: unknown): PolicyDocument {
  if (!isObject(raw)) throw invalid(`policy document must be a JSON object (${got(raw)})`);
  checkKeys(null, raw, DOCUMENT_KEYS);
  if (raw['Version'] !== '1.1') throw invalid(`Version must be "1.1" (${got(raw['Version'])})`);
  const statements = raw['Statement'];
  if (!Array.isArray(statements) || statements.length === 0) {
    throw invalid(`Statement must be a non-empty array of statements (${got(statements)})`);
  }
  if (statements.length > STATEMENTS_PER_POLICY) {
    throw invalid(`Statement has ${statements.length} statements (limit ${STATEMENTS_PER_POLICY})`);
  }
  return { Version: '1.1', Statement: statements.map((s: unknown, i) => statement(s, i)) };
}
