import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';

const BRIDGE_CLI = new URL('../../../libs/hsm-client/dist/p11-bridge-cli.js', import.meta.url).pathname;

export interface BridgeProcess {
  readonly socketPath: string;
  stop(): Promise<void>;
}

/** The built `dew-hsm-p11-bridge` as an application host runs it; resolves once it prints its address line. */
export function startBridgeCli(socketPath: string, addresses: readonly string[], files: { ca: string; cert: string; key: string }): Promise<BridgeProcess> {
  const child = spawn(process.execPath, [
    BRIDGE_CLI, '--socket', socketPath, ...addresses.flatMap((a) => ['--address', a]), '--ca', files.ca, '--cert', files.cert, '--key', files.key,
  ], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr!.on('data', (d: Buffer) => { stderr += d.toString(); });
  return new Promise((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`the bridge exited with ${code}: ${stderr}`)));
    createInterface({ input: child.stdout! }).once('line', (line) => {
      if (line !== `P11_KIT_SERVER_ADDRESS=unix:path=${socketPath}; export P11_KIT_SERVER_ADDRESS;`) reject(new Error(`unexpected bridge output: ${line}`));
      resolve({
        socketPath,
        stop: () => new Promise<void>((stopped) => {
          if (child.exitCode !== null) return stopped();
          child.once('exit', () => stopped());
          child.kill('SIGTERM');
        }),
      });
    });
  });
}
