import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { Inject, Injectable } from '@nestjs/common';
import type { RootKeyProvider } from '@dew/crypto';
import { ROOT_KEY } from '@dew/nest-kit';
import { HsmProvisioningConfig } from '../provisioning-config.js';
import type { TokenPins } from './node-launcher.js';
import { loadOrCreateSealed } from './sealed-file.js';

/**
 * The token PINs of an instance's nodes: random at the first start, kept sealed under the root key
 * in `<dataDir>/hsm/<instance>/pins.sealed` (0600), so a restarted service opens the same tokens
 * and no PIN is stored in clear (docs/hsm.md, "Token PINs").
 */
@Injectable()
export class NodePins {
  constructor(private readonly config: HsmProvisioningConfig, @Inject(ROOT_KEY) private readonly root: RootKeyProvider) {}

  of(instanceId: string): Promise<TokenPins> {
    return loadOrCreateSealed(this.root, join(this.config.dataDir, 'hsm', instanceId, 'pins.sealed'), `hsm-pins:${instanceId}`, () => ({
      tokenPin: randomBytes(18).toString('base64url'),
      soPin: randomBytes(18).toString('base64url'),
    }));
  }
}
