import type { Readable } from 'node:stream';
import { MAX_LAUNCH_SECRETS_BYTES, parseLaunchSecrets, type NodeLaunchSecrets } from '@dew/hsm-control';

/** Reads the launch secrets from stdin to its end (the launcher writes one line and closes it). */
export async function readSecrets(input: Readable): Promise<NodeLaunchSecrets> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of input) {
    size += (chunk as Buffer).length;
    if (size > MAX_LAUNCH_SECRETS_BYTES) throw new Error(`hsm-node secrets: stdin holds more than the limit of ${MAX_LAUNCH_SECRETS_BYTES} bytes`);
    chunks.push(chunk as Buffer);
  }
  return parseLaunchSecrets(Buffer.concat(chunks).toString('utf8').trim());
}
