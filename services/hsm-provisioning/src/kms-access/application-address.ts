import type { HsmInstance } from '@dew/hsm-domain';
import { HSM_APPLICATION_PORT } from '../nodes/node-launcher.js';

/** `<floating address>:<application port>`, where applications (KMS included) reach the active node (docs/hsm.md). */
export function applicationAddress(instance: HsmInstance): string | undefined {
  const floating = instance.addresses?.floating;
  return floating ? `${floating}:${HSM_APPLICATION_PORT}` : undefined;
}
