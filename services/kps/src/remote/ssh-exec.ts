import type { Client, ClientChannel } from 'ssh2';
import type { RemoteError } from './remote-failure.js';

export interface ExecResult {
  /** Null when the command ended by a signal. */
  readonly code: number | null;
  readonly stdout: Buffer;
  readonly stderr: string;
}

const MAX_OUTPUT_BYTES = 8 * 1024 * 1024;

/**
 * Runs `command` on `client`; a non-zero exit is a result, a command that cannot finish is `failed`.
 * The timeout runs from the request to open the channel (a server may never confirm it), and a
 * command that overruns it, or writes too much, ends the whole connection: closing only the
 * channel waits for the peer, which a dropped connection never answers (docs/kps.md, "Bind tasks").
 */
export function runCommand(
  client: Client,
  command: string,
  stdin: Uint8Array | undefined,
  timeoutMs: number,
  failed: (what: string) => RemoteError,
): Promise<ExecResult> {
  return new Promise((resolve, reject) => {
    let settled = false;
    const settle = (outcome: () => void): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      client.off('close', lost);
      outcome();
    };
    const abort = (why: RemoteError): void => {
      settle(() => reject(why));
      client.destroy();
    };
    const lost = (): void => settle(() => reject(failed('the connection was lost while a command ran')));
    const timer = setTimeout(() => abort(failed(`a command did not finish within ${timeoutMs} ms`)), timeoutMs);
    client.once('close', lost);

    const started = (err: Error | undefined, channel: ClientChannel): void => {
      if (err) return settle(() => reject(failed('a command could not be started')));
      const stdout: Buffer[] = [];
      const stderr: Buffer[] = [];
      let size = 0;
      let exit: { code: number | null } | undefined;
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
        if (exit === undefined) return lost();
        const { code } = exit;
        settle(() => resolve({ code, stdout: Buffer.concat(stdout), stderr: Buffer.concat(stderr).toString('utf8') }));
      });
      channel.end(stdin === undefined ? undefined : Buffer.from(stdin));
    };
    try {
      client.exec(command, started);
    } catch {
      settle(() => reject(failed('the connection was lost before a command ran')));
    }
  });
}
