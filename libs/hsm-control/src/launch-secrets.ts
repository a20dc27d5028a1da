/**
 * What a node is handed on its stdin at launch, one JSON line, and nowhere else (docs/hsm.md
 * "Provisioning ↔ node contract"): the PINs of its two tokens and its control-plane credentials (the
 * control CA, its client certificate and private key, PEM). Never in the environment, argv or a file.
 */
export interface NodeLaunchSecrets {
  /** The application token's (`dew-hsm`): the user PIN is handed to the UKey holder for PKCS#11. */
  readonly tokenPin: string;
  readonly soPin: string;
  /** The system token's (`dew-system`, the node's own keys): never handed to anyone. */
  readonly systemPin: string;
  readonly systemSoPin: string;
  readonly controlCa: string;
  readonly controlCert: string;
  readonly controlKey: string;
}

/** Far above the ~2 KB a node is sent; a bound so a wrong pipe cannot fill the node's memory. */
export const MAX_LAUNCH_SECRETS_BYTES = 64 * 1024;

const FIELDS: Readonly<Record<keyof NodeLaunchSecrets, RegExp>> = {
  tokenPin: /^.{4,255}$/,
  soPin: /^.{4,255}$/,
  systemPin: /^.{4,255}$/,
  systemSoPin: /^.{4,255}$/,
  controlCa: /-----BEGIN CERTIFICATE-----/,
  controlCert: /-----BEGIN CERTIFICATE-----/,
  controlKey: /-----BEGIN PRIVATE KEY-----/,
};

/** Validates the line; the error names the missing or invalid fields, never a value. */
export function parseLaunchSecrets(line: string): NodeLaunchSecrets {
  let json: Record<string, unknown>;
  try {
    json = JSON.parse(line) as Record<string, unknown>;
  } catch {
    throw new Error('hsm-node secrets: stdin must carry one JSON object line');
  }
  const bad = (Object.keys(FIELDS) as (keyof NodeLaunchSecrets)[]).filter((f) => typeof json[f] !== 'string' || !FIELDS[f].test(json[f]));
  if (bad.length) throw new Error(`hsm-node secrets: missing or invalid ${bad.join(', ')} on stdin`);
  return json as unknown as NodeLaunchSecrets;
}
