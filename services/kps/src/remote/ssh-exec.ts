import type { Client, ClientChannel } from 'ssh2';
import type { RemoteError } from './remote-failure.js';

export interface ExecResult {
  /** Null when the command ended by a signal. */
  readonly code: number | null;
  readonly stdout: Buffer;
  readonly stderr: string;
}

const MAX_OUTPUT_BYTES = 8 * 1024 * 1024;

/** Runs `command` on `client`; a non-zero exit is a result, a command that cannot finish is `failed`. */
export function runCommand(
  client: Client,
  command: string,
  stdin: Uint8Array | undefined,
  timeoutMs: number,
  failed: (what: string) => RemoteError,
): Promise<ExecResult> {
  return new Promise((resolve, reject) => {
    const started = (err: Error | undefined, channel: ClientChannel): void => {
      if (err) return reject(failed('a command could not be started'));
      const stdout: Buffer[] = [];
      const stderr: Buffer[] = [];
      let size = 0;
      let exit: { code: number | null } | undefined;
      let problem: RemoteError | undefined;
      const abort = (why: RemoteError): void => {
        problem ??= why;
        channel.close();
      };
      const timer = setTimeout(() => abort(failed(`a command did not finish within ${timeoutMs} ms`)), timeoutMs);
      const collect = (into: Buffer[]) => (chunk: Buffer): void => {
        size += chunk.length;
        if (size > MAX_OUTPUT_BYTES) abort(failed(`a command wrote more than ${MAX_OUTPUT_BYTES} bytes`));
        else into.push(chunk);
      };
      channel.on('data', collect(stdout));
      channel.stderr.on('data', collect(stderr));
      channel.on('exit', (code: unknown) => {
        exit = { code: typeof code === 'number' ? code : null };
      });
      channel.on('close', () => {
        clearTimeout(timer);
        if (problem) reject(problem);
        else if (exit === undefined) reject(failed('the connection was lost while a command ran'));
        else resolve({ code: exit.code, stdout: Buffer.concat(stdout), stderr: Buffer.concat(stderr).toString('utf8') });
      });
      channel.end(stdin === undefined ? undefined : Buffer.from(stdin));
    };
    try {
      client.exec(command, started);
    } catch {
      reject(failed('the connection was lost before a command ran'));
    }
  });
}
