/**
 * A secret in memory of its own, for a cache that keeps it: Node hands out small buffers
 * (Buffer.concat, Buffer.from, allocUnsafe below 4 KiB) as slices of a shared 8 KiB pool, and a
 * kept slice keeps its whole slab alive — 10,000 cached 32-byte keys could hold 80 MiB
 * (docs/performance.md, "Memory, round 2"). A buffer that already owns its memory is answered
 * as it is; otherwise the secret is copied into a buffer of its exact size and the original is
 * zeroed, so no copy of it is left behind in the pool.
 */
export function ownedSecret(secret: Buffer): Buffer {
  if (secret.byteOffset === 0 && secret.buffer.byteLength === secret.length) return secret;
  const own = Buffer.alloc(secret.length);
  secret.copy(own);
  secret.fill(0);
  return own;
}
