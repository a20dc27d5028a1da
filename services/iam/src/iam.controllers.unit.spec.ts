import 'reflect-metadata';
import type { Type } from '@nestjs/common';
import { PATTERN_METADATA } from '@nestjs/microservices/constants.js';
import { operationsAnsweredBy } from '@dew/contracts';
import { IAM_CONTROLLERS } from './iam.controllers.js';

/** The subjects each `@MessagePattern` (and so `@Handles`) method of the controllers listens on. */
function patternsOf(controllers: readonly Type[]): string[] {
  return controllers.flatMap((controller) => {
    const proto = controller.prototype as Record<string, unknown>;
    return Object.getOwnPropertyNames(proto).flatMap((name) => {
      const method = proto[name];
      const patterns = typeof method === 'function' ? (Reflect.getMetadata(PATTERN_METADATA, method) as unknown[] | undefined) : undefined;
      return (patterns ?? []).map(String);
    });
  });
}

describe('IamModule controllers', () => {
  const answered = patternsOf(IAM_CONTROLLERS);
  const rows = operationsAnsweredBy('iam').map((o) => o.pattern as string);

  it('every served iam row has a handler: no row left without one', () => {
    expect(rows.filter((p) => !answered.includes(p))).toEqual([]);
  });

  it('every handler answers a served iam row: none on a subject outside the table', () => {
    expect(answered.filter((p) => !rows.includes(p))).toEqual([]);
  });

  it('each row has exactly one handler: no subject answered twice', () => {
    expect(answered.filter((p, i) => answered.indexOf(p) !== i)).toEqual([]);
    expect(answered).toHaveLength(rows.length);
  });
});
