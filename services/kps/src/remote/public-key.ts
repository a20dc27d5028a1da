/**
 * An SSH public key as OpenSSH writes it, `<type> <base64>`, identified by those two fields only
 * (comments and authorized_keys options are not part of a key's identity).
 */
export interface PublicKey {
  readonly type: string;
  readonly base64: string;
}

const TYPE = /^[A-Za-z0-9][A-Za-z0-9@.+-]*$/;
const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;

/**
 * The key at the start of `text` ("type base64 [comment]"), or undefined. The type must match the
 * name the blob itself starts with (SSH wire format: uint32 length, then the name), which is what
 * tells a key apart from a word that only looks like one.
 */
export function parsePublicKey(text: string): PublicKey | undefined {
  const [type, base64] = text.trim().split(/[ \t]+/, 2);
  if (type === undefined || base64 === undefined || !TYPE.test(type) || !BASE64.test(base64)) return undefined;
  return typeInBlob(Buffer.from(base64, 'base64')) === type ? { type, base64 } : undefined;
}

/** The key a server presents during key exchange (its wire blob). */
export function publicKeyOfBlob(blob: Uint8Array): PublicKey | undefined {
  const type = typeInBlob(blob);
  return type === undefined ? undefined : { type, base64: Buffer.from(blob).toString('base64') };
}

export function formatPublicKey(key: PublicKey): string {
  return `${key.type} ${key.base64}`;
}

export function samePublicKey(a: PublicKey, b: PublicKey): boolean {
  return a.type === b.type && a.base64 === b.base64;
}

function typeInBlob(blob: Uint8Array): string | undefined {
  if (blob.length < 4) return undefined;
  const length = Buffer.from(blob).readUInt32BE(0);
  // A key has a body after its name; a bare name is not a key.
  if (length === 0 || length > 64 || blob.length <= 4 + length) return undefined;
  const type = Buffer.from(blob.subarray(4, 4 + length)).toString('latin1');
  return TYPE.test(type) ? type : undefined;
}
