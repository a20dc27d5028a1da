import type { RecordCodec } from '@dew/hsm-control';
import type { ExportedKey } from '../token/key-transfer.js';
import { isKeyType } from '../token/key-types.js';

/**
 * The token a record belongs to: absent for the application token, `system` for the node's own
 * keys, `kms` for KMS's key-store keys (docs/hsm-appliance.md "Tokens"); each travels under its
 * own token's domain key.
 */
export type MirrorTokenTag = { readonly token?: 'system' | 'kms' };

/**
 * One entry of the mirror stream. A created key travels wrapped under its token's domain key; its
 * public half (not secret) as attributes. `requestId` lets the standby answer a retried generation.
 */
export type MirrorRecord = MirrorTokenTag & (
  | { readonly op: 'put'; readonly key: ExportedKey; readonly requestId?: string }
  | { readonly op: 'destroy'; readonly keyId: string });

type Json = Record<string, unknown>;
const b64 = (b: Buffer | undefined): string | undefined => b?.toString('base64');
const buf = (s: unknown): Buffer | undefined => (typeof s === 'string' ? Buffer.from(s, 'base64') : undefined);

export function encodeKey(k: ExportedKey): Json {
  return {
    id: k.id, label: k.label, type: k.type, wrapped: b64(k.wrapped),
    ...(k.publicKey ? { publicKey: { ecPoint: b64(k.publicKey.ecPoint), modulus: b64(k.publicKey.modulus), publicExponent: b64(k.publicKey.publicExponent) } } : {}),
  };
}

export function decodeKey(j: Json): ExportedKey {
  const type = String(j['type']);
  if (!isKeyType(type) || typeof j['id'] !== 'string' || typeof j['wrapped'] !== 'string') throw new Error('not an exported key');
  const p = j['publicKey'] as Json | undefined;
  const publicKey = p === undefined ? undefined : {
    ...(p['ecPoint'] ? { ecPoint: buf(p['ecPoint'])! } : {}),
    ...(p['modulus'] ? { modulus: buf(p['modulus'])! } : {}),
    ...(p['publicExponent'] ? { publicExponent: buf(p['publicExponent'])! } : {}),
  };
  return { id: j['id'], label: String(j['label'] ?? ''), type, wrapped: buf(j['wrapped'])!, ...(publicKey ? { publicKey } : {}) };
}

export function encodeRecord(r: MirrorRecord): Uint8Array {
  const json = r.op === 'put' ? { ...r, key: encodeKey(r.key) } : r;
  return new TextEncoder().encode(JSON.stringify(json));
}

export function decodeRecord(data: Uint8Array): MirrorRecord {
  const j = JSON.parse(new TextDecoder().decode(data)) as Json;
  const tag: MirrorTokenTag = j['token'] === 'system' || j['token'] === 'kms' ? { token: j['token'] } : {};
  if (j['op'] === 'destroy' && typeof j['keyId'] === 'string') return { ...tag, op: 'destroy', keyId: j['keyId'] };
  if (j['op'] === 'put') return { ...tag, op: 'put', key: decodeKey(j['key'] as Json), ...(typeof j['requestId'] === 'string' ? { requestId: j['requestId'] } : {}) };
  throw new Error('unknown mirror record');
}

/** A record of any version: a JSON object naming its `op` (what the active publishes, and nothing nats-server sends). */
export function isMirrorRecord(data: Uint8Array): boolean {
  try {
    const j = JSON.parse(new TextDecoder().decode(data)) as unknown;
    return typeof j === 'object' && j !== null && typeof (j as Json)['op'] === 'string';
  } catch {
    return false;
  }
}

/** The mirror's records as the control plane carries them (bytes). */
export const mirrorRecords: RecordCodec<MirrorRecord> = { encode: encodeRecord, decode: decodeRecord, isRecord: isMirrorRecord };
