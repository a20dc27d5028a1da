import { createHash } from 'node:crypto';

/** `SHA256:` and the unpadded base64 of the DER's SHA-256, as OpenSSH prints fingerprints (docs/hsm.md). */
export function sha256Fingerprint(der: Buffer): string {
  return `SHA256:${createHash('sha256').update(der).digest('base64').replace(/=+$/, '')}`;
}
