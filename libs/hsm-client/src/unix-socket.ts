import { connect } from 'node:net';

// sun_path holds 108 bytes with the terminating NUL.
const UNIX_PATH_MAX_BYTES = 107;

/** Throws, naming the limit and the path, when `path` cannot name a unix socket. */
export function requireUnixSocketPath(path: string, what: string): void {
  const length = Buffer.byteLength(path);
  if (length > UNIX_PATH_MAX_BYTES) throw new Error(`${what} is ${length} bytes long; a unix socket path may have at most ${UNIX_PATH_MAX_BYTES}: ${path}`);
}

/** Whether a process accepts connections on the unix socket `path` now. */
export function unixSocketAccepts(path: string): Promise<boolean> {
  return new Promise((resolve) => {
    const probe = connect(path);
    probe.once('connect', () => {
      probe.destroy();
      resolve(true);
    });
    probe.once('error', () => resolve(false));
  });
}
