import 'reflect-metadata';
import { PATTERN_METADATA } from '@nestjs/microservices/constants.js';
import { operationsAnsweredBy } from '@dew/contracts';
import type { ServiceSettings } from '@dew/nest-kit';
import { KmsModule } from './kms.module.js';

/** Every subject a controller of the module answers (Nest's `@MessagePattern` metadata on its methods). */
function answeredSubjects(): string[] {
  const controllers = KmsModule.forRoot({ service: { service: 'kms', logLevel: 'silent' } as ServiceSettings, schedulerIntervalMs: 1, materialCacheSize: 1 }).controllers ?? [];
  return controllers.flatMap((controller) => {
    const proto = (controller as { prototype: object }).prototype;
    return Object.getOwnPropertyNames(proto).flatMap((method) => {
      const handler = (proto as Record<string, unknown>)[method];
      return typeof handler === 'function' ? ((Reflect.getMetadata(PATTERN_METADATA, handler) as string[] | undefined) ?? []) : [];
    });
  });
}

describe('KmsModule controllers', () => {
  it('every served row of the kms table has a controller method on its subject, so a missing handler fails here before any start', () => {
    const rows = operationsAnsweredBy('kms').map((o) => o.pattern);
    expect(answeredSubjects()).toEqual(expect.arrayContaining(rows));
  });

  it('no controller answers a subject outside the kms table, and none answers a row twice', () => {
    const rows = operationsAnsweredBy('kms').map((o) => o.pattern);
    const answered = answeredSubjects();
    expect(answered.filter((s) => !rows.includes(s))).toEqual([]);
    expect(new Set(answered).size).toBe(answered.length);
  });
});
