import { randomBytes } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { TokenPins } from './node-launcher.js';
import { SealedFiles } from './sealed-files.js';

/**
 * The token PINs of an instance's nodes: random at the first start, kept sealed in
 * `<dataDir>/hsm/<instance>/pins.sealed`, so a restarted service opens the same tokens and no PIN
 * is stored in clear (docs/hsm.md, "Token PINs").
 */
@Injectable()
export class NodePins {
  constructor(private readonly files: SealedFiles) {}

  async of(instanceId: string): Promise<TokenPins> {
    const sealed = await this.files.read(instanceId, 'pins');
    if (sealed) return JSON.parse(sealed.toString('utf8')) as TokenPins;
    const pins: TokenPins = { tokenPin: randomBytes(18).toString('base64url'), soPin: randomBytes(18).toString('base64url') };
    await this.files.write([instanceId, 'pins'], Buffer.from(JSON.stringify(pins)));
    return pins;
  }
}
