import 'reflect-metadata';
import { operationOf, operationsAnsweredBy } from '@dew/contracts';
import { controllerHandlers, operationOfHandler, serviceSettingsFromEnv } from '@dew/nest-kit';
import { HsmProvisioningModule } from './hsm.module.js';
import { HsmProvisioningConfig } from './provisioning-config.js';

describe('HsmProvisioningModule controllers', () => {
  const module = HsmProvisioningModule.forRoot(serviceSettingsFromEnv('hsm-provisioning', {}), new HsmProvisioningConfig(253, 'node.js', false, '.', 0));
  const handlers = controllerHandlers(module.controllers ?? []);
  const answered = handlers.flatMap((h) => h.patterns);

  it('every served row of the dhsm table has a handler, so a missing one fails here and not only at start', () => {
    const rows = operationsAnsweredBy('hsm-provisioning').map((o) => o.pattern);
    expect(rows.filter((p) => !answered.includes(p as string))).toEqual([]);
  });

  it('every handler answers a served dhsm row, and no row has two handlers', () => {
    const dhsmPatterns = operationsAnsweredBy('hsm-provisioning').map((o) => o.pattern);
    expect(answered.filter((p) => !dhsmPatterns.includes(p))).toEqual([]);
    expect(new Set(answered).size).toBe(answered.length);
  });

  it('each handler is a @Handles of the row its subject belongs to (its DTO and family apply)', () => {
    for (const { handler, patterns } of handlers) {
      expect(patterns).toHaveLength(1);
      expect(operationOfHandler(handler)).toBe(operationOf(patterns[0] as string));
    }
  });

  it('every served dhsm row names its request DTO', () => {
    expect(operationsAnsweredBy('hsm-provisioning').filter((o) => !o.dto).map((o) => o.name)).toEqual([]);
  });
});
