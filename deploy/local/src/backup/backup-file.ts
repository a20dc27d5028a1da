import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';

/** A file of a backup as its manifest lists it (docs/backup.md, "What a backup holds"). */
export interface BackupFile {
  /** Relative to the backup directory, `/`-separated. */
  readonly path: string;
  readonly bytes: number;
  readonly sha256: string;
}

export const sha256Of = (bytes: Uint8Array): string => createHash('sha256').update(bytes).digest('hex');

export async function sha256OfFile(path: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}
