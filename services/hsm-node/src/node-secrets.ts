import type { Readable } from 'node:stream';

/**
 * What the node gets on its stdin, one JSON line, and nowhere else (docs/hsm.md "Provisioning ↔
 * node contract"): the token PINs and its control-plane credentials (the control CA, its client
 * certificate and private key, PEM). Not in the environment, argv or a file others could read.
 */
export interface NodeSecrets {
  readonly tokenPin: string;
  readonly soPin: string;
  readonly controlCa: string;
  readonly controlCert: string;
  readonly controlKey: string;
}

/** Far above the ~2 KB a node is sent; a bound so a wrong pipe cannot fill memory. */
export const MAX_SECRETS_BYTES = 64 * 1024;

const FIELDS: Record<keyof NodeSecrets, RegExp> = {
  tokenPin: /^.{4,255}$/,
  soPin: /^.{4,255}$/,
  controlCa: /-----BEGIN CERTIFICATE-----/,
  controlCert: /-----BEGIN CERTIFICATE-----/,
  controlKey: /-----BEGIN PRIVATE KEY-----/,
};

/** Validates the line; the error names the missing or invalid fields, never a value. */
export function parseNodeSecrets(line: string): NodeSecrets {
  let json: Record<string, unknown>;
  try {
    json = JSON.parse(line) as Record<string, unknown>;
  } catch {
    throw new Error('hsm-node secrets: stdin must carry one JSON object line');
  }
  const bad = (Object.keys(FIELDS) as (keyof NodeSecrets)[]).filter((f) => typeof json[f] !== 'string' || !FIELDS[f].test(json[f]));
  if (bad.length) throw new Error(`hsm-node secrets: missing or invalid ${bad.join(', ')} on stdin`);
  return json as unknown as NodeSecrets;
}

/** Reads stdin to its end (the launcher writes one line and closes it). */
export async function readSecrets(input: Readable): Promise<NodeSecrets> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of input) {
    size += (chunk as Buffer).length;
    if (size > MAX_SECRETS_BYTES) throw new Error(`hsm-node secrets: stdin holds more than the limit of ${MAX_SECRETS_BYTES} bytes`);
    chunks.push(chunk as Buffer);
  }
  return parseNodeSecrets(Buffer.concat(chunks).toString('utf8').trim());
}
