import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { Inject, Injectable } from '@nestjs/common';
import type { RootKeyProvider } from '@dew/crypto';
import { ROOT_KEY } from '@dew/nest-kit';
import { HsmProvisioningConfig } from '../provisioning-config.js';
import type { TokenPins } from './node-launcher.js';

/**
 * The token PINs of an instance's nodes: random at the first start, kept sealed under the root key
 * in `<dataDir>/hsm/<instance>/pins.sealed` (0600), so a restarted service opens the same tokens
 * and no PIN is stored in clear (docs/hsm.md, "Token PINs").
 */
@Injectable()
export class NodePins {
  constructor(private readonly config: HsmProvisioningConfig, @Inject(ROOT_KEY) private readonly root: RootKeyProvider) {}

  async of(instanceId: string): Promise<TokenPins> {
    const file = join(this.config.dataDir, 'hsm', instanceId, 'pins.sealed');
    const aad = `hsm-pins:${instanceId}`;
    if (existsSync(file)) return JSON.parse((await this.root.unwrap(readFileSync(file), aad)).toString('utf8')) as TokenPins;
    const pins: TokenPins = { tokenPin: randomBytes(18).toString('base64url'), soPin: randomBytes(18).toString('base64url') };
    mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
    writeFileSync(file, await this.root.wrap(Buffer.from(JSON.stringify(pins)), aad), { mode: 0o600 });
    return pins;
  }
}
