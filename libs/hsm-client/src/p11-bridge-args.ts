import { parseArgs } from 'node:util';

export interface BridgeArgs {
  readonly socketPath: string;
  readonly addresses: readonly string[];
  readonly caFile: string;
  readonly certFile: string;
  readonly keyFile: string;
}

export const BRIDGE_USAGE = 'usage: dew-hsm-p11-bridge --socket <path> --address <floating-address:port> [--address …] --ca <instance CA PEM> --cert <client certificate PEM> --key <client private key PEM>';

const ADDRESS = /^([0-9A-Za-z.-]+):(\d{1,5})$/;

/** The bridge's command line; throws naming the wrong or missing option. */
export function parseBridgeArgs(argv: readonly string[]): BridgeArgs {
  let values;
  try {
    ({ values } = parseArgs({
      args: [...argv],
      options: {
        socket: { type: 'string' }, address: { type: 'string', multiple: true },
        ca: { type: 'string' }, cert: { type: 'string' }, key: { type: 'string' },
      },
      strict: true, allowPositionals: false,
    }));
  } catch (err) {
    throw new Error(`${(err as Error).message}\n${BRIDGE_USAGE}`);
  }
  const missing = (['socket', 'address', 'ca', 'cert', 'key'] as const).filter((n) => values[n] === undefined || values[n] === '');
  if (missing.length) throw new Error(`missing ${missing.map((n) => `--${n}`).join(', ')}\n${BRIDGE_USAGE}`);
  const addresses = values.address!;
  for (const a of addresses) {
    const m = ADDRESS.exec(a);
    const port = m ? Number(m[2]) : 0;
    if (!m || port < 1 || port > 65535) throw new Error(`--address must be host:port with a port from 1 to 65535, got ${JSON.stringify(a)}`);
  }
  return { socketPath: values.socket!, addresses, caFile: values.ca!, certFile: values.cert!, keyFile: values.key! };
}
