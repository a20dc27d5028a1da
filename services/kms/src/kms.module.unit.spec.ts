import 'reflect-metadata';
import { operationsAnsweredBy } from '@dew/contracts';
import { controllerSubjects, type ServiceSettings } from '@dew/nest-kit';
import { KmsModule } from './kms.module.js';

/** Every subject a controller of the module answers (Nest's `@MessagePattern` metadata on its methods). */
function answeredSubjects(): string[] {
  return controllerSubjects(KmsModule.forRoot({ service: { service: 'kms', logLevel: 'silent' } as ServiceSettings, schedulerIntervalMs: 1, materialCacheSize: 1, userKeyQuota: 1 }).controllers ?? []);
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
