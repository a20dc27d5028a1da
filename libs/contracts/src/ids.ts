import { Matches, type ValidationArguments } from 'class-validator';
import type { ErrorCode } from './errors.js';

/**
 * The formats of the ids DEW issues. A value that cannot be an id of its kind is a malformed
 * request (400 in the service's own family, naming the field and the format), never an unknown
 * resource (404): only a well-formed id is looked up.
 */
export const ID_FORMATS = {
  /** KMS key ids and CSMS secret ids. */
  uuid: { pattern: /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/, text: 'a lower-case UUID (8-4-4-4-12 hexadecimal digits)' },
  /** IAM domain, project, user, group and role ids. */
  hex32: { pattern: /^[0-9a-f]{32}$/, text: '32 lower-case hexadecimal characters' },
  /** CSMS version ids; `latest` names the SYSCURRENT version where a version is read. */
  secretVersion: { pattern: /^(?:v[1-9][0-9]{0,8}|latest)$/, text: '"v<n>" (n from 1) or "latest"' },
  /** IAM access key ids. */
  accessKey: { pattern: /^[A-Z0-9]{20}$/, text: '20 upper-case letters and digits' },
} as const;

export type IdFormat = keyof typeof ID_FORMATS;

export function isWellFormedId(format: IdFormat, value: string): boolean {
  return ID_FORMATS[format].pattern.test(value);
}

/** The refusal text for a malformed id: the field, the format, and what came (cut short). */
export function malformedIdMessage(field: string, format: IdFormat, value: unknown): string {
  const got = typeof value === 'string' ? JSON.stringify(value.slice(0, 64)) : typeof value;
  return `${field} must be ${ID_FORMATS[format].text}, got ${got}`;
}

/** Property decorator: the field, when present, is an id of `format`; otherwise `code` (validateBody). */
export function IsId(format: IdFormat, code: ErrorCode): PropertyDecorator {
  return Matches(ID_FORMATS[format].pattern, {
    context: { code },
    message: (args: ValidationArguments) => malformedIdMessage(args.property, format, args.value),
  });
}
