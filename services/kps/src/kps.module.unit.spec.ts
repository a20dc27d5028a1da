import 'reflect-metadata';
import { operationOf, operationsAnsweredBy } from '@dew/contracts';
import { controllerHandlers, operationOfHandler, serviceSettingsFromEnv } from '@dew/nest-kit';
import { KpsModule } from './kps.module.js';

describe('KpsModule controllers', () => {
  const module = KpsModule.forRoot(serviceSettingsFromEnv('kps', {}));
  const handlers = controllerHandlers(module.controllers ?? []);
  const answered = handlers.flatMap((h) => h.patterns);

  it('every served row of the kps table has a handler, so a missing one fails here and not only at start', () => {
    const rows = operationsAnsweredBy('kps').map((o) => o.pattern);
    expect(rows.filter((p) => !answered.includes(p as string))).toEqual([]);
  });

  it('every handler answers a served kps row, and no row has two handlers', () => {
    const kpsPatterns = operationsAnsweredBy('kps').map((o) => o.pattern);
    expect(answered.filter((p) => !kpsPatterns.includes(p))).toEqual([]);
    expect(new Set(answered).size).toBe(answered.length);
  });

  it('each handler is a @Handles of the row its subject belongs to (its DTO and family apply)', () => {
    for (const { handler, patterns } of handlers) {
      expect(patterns).toHaveLength(1);
      expect(operationOfHandler(handler)).toBe(operationOf(patterns[0] as string));
    }
  });

  it('every served kps row names its request DTO', () => {
    expect(operationsAnsweredBy('kps').filter((o) => !o.dto).map((o) => o.name)).toEqual([]);
  });
});
