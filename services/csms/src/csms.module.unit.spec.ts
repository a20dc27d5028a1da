import 'reflect-metadata';
import { PATTERN_METADATA } from '@nestjs/microservices/constants.js';
import { operationOf, operationsAnsweredBy } from '@dew/contracts';
import { operationOfHandler, serviceSettingsFromEnv } from '@dew/nest-kit';
import { CsmsModule } from './csms.module.js';

type Handler = (...args: unknown[]) => unknown;

/** Every method of the module's own controllers with the subjects its @MessagePattern registers. */
function handlersOf(controllers: readonly (new (...args: never[]) => object)[]): { handler: Handler; patterns: string[] }[] {
  return controllers.flatMap((c) =>
    Object.getOwnPropertyNames(c.prototype)
      .map((name) => (c.prototype as Record<string, unknown>)[name])
      .filter((m): m is Handler => typeof m === 'function')
      .map((handler) => ({ handler, patterns: (Reflect.getMetadata(PATTERN_METADATA, handler) as string[] | undefined) ?? [] }))
      .filter((h) => h.patterns.length > 0),
  );
}

describe('CsmsModule controllers', () => {
  const module = CsmsModule.forRoot(serviceSettingsFromEnv('csms', {}));
  const handlers = handlersOf((module.controllers ?? []) as never[]);
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
