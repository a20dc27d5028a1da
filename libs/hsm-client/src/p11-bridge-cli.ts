#!/usr/bin/env node
// dew-hsm-p11-bridge: PKCS#11 applications' local endpoint for a Dedicated HSM instance
// (docs/hsm-appliance.md "PKCS#11 (p11-kit remoting)").
import { readFile } from 'node:fs/promises';
import { parseBridgeArgs } from './p11-bridge-args.js';
import { startPkcs11Bridge } from './p11-bridge.js';

async function read(option: string, path: string): Promise<Buffer> {
  return readFile(path).catch((err: NodeJS.ErrnoException) => {
    throw new Error(`cannot read the ${option} file ${path}: ${err.code ?? err.message}`);
  });
}

try {
  const args = parseBridgeArgs(process.argv.slice(2));
  const [ca, cert, key] = await Promise.all([read('--ca', args.caFile), read('--cert', args.certFile), read('--key', args.keyFile)]);
  const bridge = await startPkcs11Bridge({
    socketPath: args.socketPath,
    instances: args.addresses.map((address) => ({ name: address, address, ca, cert, key })),
    onError: (message) => process.stderr.write(`${message}\n`),
  });
  // The line p11-kit server prints, so a shell can `eval` it.
  process.stdout.write(`P11_KIT_SERVER_ADDRESS=unix:path=${args.socketPath}; export P11_KIT_SERVER_ADDRESS;\n`);
  const stop = (): void => void bridge.close().finally(() => process.exit(0));
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
} catch (err) {
  process.stderr.write(`dew-hsm-p11-bridge: ${(err as Error).message}\n`);
  process.exit(2);
}
