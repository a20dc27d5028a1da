import 'reflect-metadata';
import { Transform } from 'class-transformer';
import { validateSync, type ValidationError } from 'class-validator';
import { DewError, type ErrorCode } from './errors.js';
import { BodyNotAnObject } from './refusals/edge.js';
import type { ErrorFamily } from './json-limits.js';
import { memoiseValidationMetadata } from './validation-metadata-cache.js';
import { arrayInPlaceOfObject } from './nested-objects.js';
import { BodyShapeUnreadable, ConstructorKeyInFreeJson, toDtoInstance } from './validation-instances.js';

memoiseValidationMetadata();

/** Codes a context uses for shape errors (docs/api-decisions.md, "Status and error codes"). */
export interface ShapeErrorCodes {
  readonly missing: ErrorCode;
  readonly invalid: ErrorCode;
}

export const KMS_SHAPE_CODES: ShapeErrorCodes = { missing: 'KMS.0204', invalid: 'KMS.0308' };

/** Each family's shape codes (docs/api-decisions.md, "Error families"): one code per family except KMS's missing/invalid pair. */
export const SHAPE_CODES: Readonly<Record<ErrorFamily, ShapeErrorCodes>> = {
  kms: KMS_SHAPE_CODES,
  csms: { missing: 'CSMS.0004', invalid: 'CSMS.0004' },
  iam: { missing: 'IAM.0001', invalid: 'IAM.0001' },
  cts: { missing: 'CTS.0003', invalid: 'CTS.0003' },
  kps: { missing: 'KPS.0002', invalid: 'KPS.0002' },
  dhsm: { missing: 'DHSM.0002', invalid: 'DHSM.0002' },
};

/**
 * Fields the API types as strings holding numbers also accept a JSON number (docs/api-decisions.md, "Numbers in string fields").
 * Answers keep the documented type; this only widens what is accepted.
 */
export const NumericString = (): PropertyDecorator =>
  Transform(({ value }) => (typeof value === 'number' && Number.isFinite(value) ? String(value) : value));

type Ctor<T> = new () => T;

/**
 * Validates a plain body against a DTO class. The first problem becomes a DewError naming the
 * field; a decorator may carry its own code via `context: { code }` (e.g. KMS.0206 for sequence).
 */
export function validateBody<T extends object>(dto: Ctor<T>, body: unknown, codes: ShapeErrorCodes = KMS_SHAPE_CODES): T {
  if (body === null || typeof body !== 'object' || Array.isArray(body)) {
    throw BodyNotAnObject(codes.invalid);
  }
  const instance = instanceOf(dto, body, codes);
  dropNullFields(instance);
  const misplaced = arrayInPlaceOfObject(instance);
  if (misplaced !== undefined) throw new DewError(codes.invalid, `invalid ${misplaced}: must be a JSON object, got an array`);
  const errors = validateSync(instance, { whitelist: true, forbidUnknownValues: false, stopAtFirstError: true });
  const first = errors[0];
  if (first) throw toDewError(first, codes, '');
  return instance;
}

function instanceOf<T extends object>(dto: Ctor<T>, body: object, codes: ShapeErrorCodes): T {
  try {
    return toDtoInstance(dto, body);
  } catch (err) {
    if (err instanceof ConstructorKeyInFreeJson || err instanceof BodyShapeUnreadable) throw new DewError(codes.invalid, `invalid ${err.message}`);
    throw err;
  }
}

const NULLABLE = 'dew:nullable';

/**
 * Marks a field where JSON null is a value of its own ("forget this", e.g. a server's pinned host
 * key): validateBody keeps it null. Every other field sent as null is a field not sent.
 */
export const NullMeansClear = (): PropertyDecorator => (target, property) => Reflect.defineMetadata(NULLABLE, true, target, property);

/**
 * A field sent as JSON null is a field not sent (docs/api-decisions.md, "Null fields"): Huawei's
 * SDKs leave unset fields out, and a hand-written null must neither pass @IsOptional into a handler
 * that reads it as a value (a 500 once) nor count as a value. In nested DTOs too, except the fields
 * marked NullMeansClear; a null array element stays, and is refused as the element's type; free
 * JSON a field holds as a plain object (a policy document) is not touched.
 */
function dropNullFields(node: object): void {
  const fields = node as Record<string, unknown>;
  for (const field of Object.keys(fields)) {
    const value = fields[field];
    if (value === null) {
      if (!Reflect.getMetadata(NULLABLE, node, field)) delete fields[field];
    } else if (Array.isArray(value)) {
      for (const element of value) if (isDto(element)) dropNullFields(element);
    } else if (isDto(value)) {
      dropNullFields(value);
    }
  }
}

/** A nested DTO (its class from @Type); free JSON a field holds as a plain object is left as sent. */
function isDto(value: unknown): value is object {
  return value !== null && typeof value === 'object' && Object.getPrototypeOf(value) !== Object.prototype;
}

function toDewError(e: ValidationError, codes: ShapeErrorCodes, prefix: string): DewError {
  const path = prefix ? `${prefix}.${e.property}` : e.property;
  const child = e.children?.[0];
  if (child) return toDewError(child, codes, path);
  const constraints = e.constraints ?? {};
  const [rule] = Object.keys(constraints);
  if (e.value === undefined || e.value === null || rule === 'isDefined') {
    return new DewError(codes.missing, `${path} is required`);
  }
  const ownCode = rule ? (e.contexts?.[rule] as { code?: ErrorCode } | undefined)?.code : undefined;
  if (ownCode) return new DewError(ownCode, `invalid ${path}: ${rule ? constraints[rule] : 'bad value'}`);
  return new DewError(codes.invalid, `invalid ${path}: ${rule ? constraints[rule] : 'bad value'}`);
}

/** A string-typed number of the wire (`"7"`); range rules stay with decide, which names them. */
export function integerField(field: string, text: string, code: ErrorCode = 'KMS.0308'): number {
  if (!/^-?\d{1,12}$/.test(text.trim())) throw new DewError(code, `${field} must be an integer, got "${text.slice(0, 20)}"`);
  return Number(text);
}
