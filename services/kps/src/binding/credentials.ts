import { KpsFieldInvalid, type ServerAuthDto } from '@dew/contracts';
import { loginPrivateKey } from '../keypairs/key-material.js';
import type { SshCredential as Credential } from '../remote/index.js';

/**
 * The login a request brings for one SSH session (`server.auth`): a password or a private key. It
 * lives in memory for that session only — never in an event, a log, a trace or an error
 * (docs/kps.md, "Bind tasks").
 */
export function credentialOf(auth: ServerAuthDto | undefined): Credential | undefined {
  if (!auth || auth.key === undefined || auth.key === '') return undefined;
  if (auth.type === 'keypair') return { type: 'privateKey', privateKey: loginPrivateKey('server.auth.key', auth.key) };
  if (auth.type === 'password' || auth.type === undefined) return { type: 'password', password: auth.key };
  throw KpsFieldInvalid('server.auth.type', 'be password or keypair');
}

export const authKindOf = (c: Credential | undefined): 'password' | 'privateKey' | 'none' => (c ? c.type : 'none');
