import { randomBytes } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { TokenPins } from './node-launcher.js';
import { SealedFiles } from './sealed-files.js';

const PIN_NAMES = ['tokenPin', 'soPin', 'systemPin', 'systemSoPin'] as const;

/**
 * The token PINs of an instance's nodes (both tokens of each node): random at the first start,
 * kept sealed in `<dataDir>/hsm/<instance>/pins.sealed`, so a restarted service opens the same
 * tokens and no PIN is stored in clear (docs/hsm.md, "Token PINs").
 */
@Injectable()
export class NodePins {
  constructor(private readonly files: SealedFiles) {}

  async of(instanceId: string): Promise<TokenPins> {
    const sealed = await this.files.read(instanceId, 'pins');
    const stored = sealed ? (JSON.parse(sealed.toString('utf8')) as Partial<TokenPins>) : {};
    if (PIN_NAMES.every((name) => stored[name] !== undefined)) return stored as TokenPins;
    // A file of the single-token layout lacks the system PINs: its nodes then refuse their old
    // token directory by name (docs/hsm.md "Token PINs"), rather than miss a PIN on stdin.
    const pins = Object.fromEntries(PIN_NAMES.map((name) => [name, stored[name] ?? randomBytes(18).toString('base64url')])) as unknown as TokenPins;
    await this.files.write([instanceId, 'pins'], Buffer.from(JSON.stringify(pins)));
    return pins;
  }
}
