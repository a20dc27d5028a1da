import 'reflect-metadata';
import { operationOf, operationsAnsweredBy } from '@dew/contracts';
import { controllerHandlers, operationOfHandler, serviceSettingsFromEnv } from '@dew/nest-kit';
import { CsmsModule } from './csms.module.js';

describe('CsmsModule controllers', () => {
  const module = CsmsModule.forRoot(serviceSettingsFromEnv('csms', {}));
  const handlers = controllerHandlers(module.controllers ?? []);
  const answered = handlers.flatMap((h) => h.patterns);

  it('every served row of the csms table has a handler, so a missing one fails here and not only at start', () => {
    const rows = operationsAnsweredBy('csms').map((o) => o.pattern);
    expect(rows.filter((p) => !answered.includes(p as string))).toEqual([]);
  });

  it('every handler answers a served csms row, and no row has two handlers', () => {
    const csmsPatterns = operationsAnsweredBy('csms').map((o) => o.pattern);
    expect(answered.filter((p) => !csmsPatterns.includes(p))).toEqual([]);
    expect(new Set(answered).size).toBe(answered.length);
  });

  it('each handler is a @Handles of the row its subject belongs to (its DTO and family apply)', () => {
    for (const { handler, patterns } of handlers) {
      expect(patterns).toHaveLength(1);
      expect(operationOfHandler(handler)).toBe(operationOf(patterns[0] as string));
    }
  });

  it('every served csms row names its request DTO', () => {
    expect(operationsAnsweredBy('csms').filter((o) => !o.dto).map((o) => o.name)).toEqual([]);
  });
});
