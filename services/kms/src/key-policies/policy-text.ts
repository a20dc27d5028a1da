import { DewError, KeyPolicyInvalid, quote } from '@dew/contracts';
import { validatePolicyDocument } from '@dew/iam-domain';
import type { KeyPolicyDocument, KeyPolicyStatement } from '@dew/kms-domain';

/** docs/input-limits.md: a key policy is at most 32 KiB of JSON text, principals per statement at most 50. */
export const KEY_POLICY_MAX_CHARS = 32_768;
export const PRINCIPALS_PER_STATEMENT = 50;

/**
 * `domain:<32 hex>` or `user:<32 hex>`, lower case, exactly as IAM issues ids: a principal that
 * no id can ever equal (a Deny written in upper case) is refused rather than silently inert.
 */
const PRINCIPAL = /^(?:domain|user):[0-9a-f]{32}$/;

type Raw = Readonly<Record<string, unknown>>;
const isObject = (v: unknown): v is Raw => typeof v === 'object' && v !== null && !Array.isArray(v);

function principals(place: string, raw: unknown): readonly string[] {
  if (!isObject(raw) || Object.keys(raw).some((k) => k !== 'IAM')) throw KeyPolicyInvalid(`${place} must be {"IAM": ["domain:<domain id>" | "user:<user id>", …]}`);
  const list = raw['IAM'];
  if (!Array.isArray(list) || list.length === 0) throw KeyPolicyInvalid(`${place}.IAM must be a non-empty array`);
  if (list.length > PRINCIPALS_PER_STATEMENT) throw KeyPolicyInvalid(`${place}.IAM has ${list.length} entries (limit ${PRINCIPALS_PER_STATEMENT})`);
  return list.map((p: unknown, i) => {
    if (typeof p !== 'string' || !PRINCIPAL.test(p)) {
      throw KeyPolicyInvalid(`${place}.IAM[${i}] must be "domain:<32 hex domain id>" or "user:<32 hex user id>" in lower case, got ${typeof p === 'string' ? quote(p.slice(0, 80)) : typeof p}`);
    }
    return p;
  });
}

/**
 * A key policy text (docs/authorization.md, "Key policies") as a checked document, or KMS.2801
 * naming the place and the value. Effect, Action and the document's shape are IAM's own grammar
 * (`validatePolicyDocument`, its message kept); Principal is the key policy's; Resource and
 * Condition are refused.
 */
export function parseKeyPolicy(text: string): KeyPolicyDocument {
  const length = [...text].length;
  if (length > KEY_POLICY_MAX_CHARS) throw KeyPolicyInvalid(`must be at most ${KEY_POLICY_MAX_CHARS} characters, got ${length}`);
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    throw KeyPolicyInvalid('must be a JSON object as text (it does not parse as JSON)');
  }
  const statements = isObject(raw) && Array.isArray(raw['Statement']) ? (raw['Statement'] as unknown[]) : [];
  const who = statements.map((s, i) => {
    const place = `Statement[${i}]`;
    if (!isObject(s)) return [];
    if (s['Resource'] !== undefined) throw KeyPolicyInvalid(`${place}.Resource is not allowed: a key policy applies to its own key`);
    return principals(`${place}.Principal`, s['Principal']);
  });
  const withoutPrincipal = isObject(raw)
    ? { ...raw, Statement: statements.map((s) => (isObject(s) ? Object.fromEntries(Object.entries(s).filter(([k]) => k !== 'Principal')) : s)) }
    : raw;
  try {
    const document = validatePolicyDocument(isObject(raw) && !Array.isArray(raw['Statement']) ? raw : withoutPrincipal);
    const checked: KeyPolicyStatement[] = document.Statement.map((s, i) => ({ Effect: s.Effect, Action: s.Action, Principal: { IAM: who[i] ?? [] } }));
    return { Version: '1.1', Statement: checked };
  } catch (err) {
    if (err instanceof DewError) throw KeyPolicyInvalid(err.message);
    throw err;
  }
}

/** The document as the JSON text show-key-policy answers. */
export function keyPolicyText(document: KeyPolicyDocument): string {
  return JSON.stringify(document);
}
