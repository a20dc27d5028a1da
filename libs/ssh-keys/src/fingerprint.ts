import { createHash } from 'node:crypto';

/** As `ssh-keygen -l -E md5` prints it, without its "MD5:" prefix: lowercase hex pairs joined by ":". */
export function fingerprintMd5(blob: Buffer): string {
  return createHash('md5').update(blob).digest('hex').replace(/(..)(?!$)/g, '$1:');
}

/** As `ssh-keygen -l` prints it: "SHA256:" and unpadded base64. */
export function fingerprintSha256(blob: Buffer): string {
  return `SHA256:${createHash('sha256').update(blob).digest('base64').replace(/=+$/, '')}`;
}
