import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { renderK8sNatsConfig } from './k8s-nats-config.js';

describe('k8s/nats.conf', () => {
  it('committed file: equals what the permissions table generates (regenerate with `npm run dew -- k8s-nats-config`)', () => {
    const committed = readFileSync(fileURLToPath(new URL('../../../k8s/nats.conf', import.meta.url)), 'utf8');
    expect(committed).toBe(renderK8sNatsConfig());
  });

  it('passwords: environment references only, never a literal', () => {
    expect(renderK8sNatsConfig()).toMatch(/password: \$DEW_NATS_PASS_KMS,/);
    expect(renderK8sNatsConfig()).not.toMatch(/__PASSWORD_OF_/);
  });
});
