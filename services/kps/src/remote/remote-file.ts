import { createHash } from 'node:crypto';
import { RemoteError } from './remote-failure.js';
import { EXIT_CONFIG_INVALID, EXIT_FILE_CHANGED, EXIT_INCOMPLETE, READ_FILE, REPLACE_FILE, shCommand } from './remote-scripts.js';
import type { ExecResult } from './ssh-exec.js';
import type { SshSession } from './ssh-session.js';

/** A file as read from the server: its bytes and the fingerprint a later write is checked against. */
export interface RemoteFile {
  /** Relative paths are from the login user's home. */
  readonly path: string;
  readonly bytes: Buffer;
  /** sha256 hex of `bytes`, or "absent" when there was no file (read as empty). */
  readonly version: string;
}

export interface Replacement {
  readonly content: Buffer;
  /** private: 0600; keep: the mode and owner the file had. */
  readonly mode: 'private' | 'keep';
  /** sshd: the new file must pass `sshd -t`. */
  readonly check: 'none' | 'sshd';
}

export async function readRemoteFile(session: SshSession, path: string): Promise<RemoteFile> {
  const result = await session.exec(shCommand(READ_FILE), header([path]));
  const newline = result.stdout.indexOf(0x0a);
  const state = result.stdout.subarray(0, newline).toString('latin1');
  if (result.code !== 0 || newline < 0 || (state !== 'present' && state !== 'absent')) {
    throw commandFailed(session, `could not read ${path} on ${session.where}`, result);
  }
  const bytes = result.stdout.subarray(newline + 1);
  return { path, bytes, version: state === 'absent' ? 'absent' : sha256(bytes) };
}

/** Writes `replacement` over `file` unless the file changed since it was read (then FILE_CHANGED). */
export async function replaceRemoteFile(session: SshSession, file: RemoteFile, replacement: Replacement): Promise<void> {
  const stdin = Buffer.concat([
    header([file.path, file.version, sha256(replacement.content), replacement.mode, replacement.check]),
    replacement.content,
  ]);
  const result = await session.exec(shCommand(REPLACE_FILE), stdin);
  const where = `${file.path} on ${session.where}`;
  switch (result.code) {
    case 0:
      return;
    case EXIT_FILE_CHANGED:
      throw new RemoteError('FILE_CHANGED', `${where} changed after it was read; nothing was written`, session.hostKey);
    case EXIT_CONFIG_INVALID:
      throw commandFailed(session, `sshd -t refused the new ${where}; the file was left as it was`, result);
    case EXIT_INCOMPLETE:
      throw commandFailed(session, `the new ${where} arrived damaged; nothing was written`, result);
    default:
      throw commandFailed(session, `could not write ${where}`, result);
  }
}

export function commandFailed(session: SshSession, what: string, result: ExecResult): RemoteError {
  const said = result.stderr.trim().replace(/\s+/g, ' ').slice(0, 300);
  const exit = result.code === null ? 'ended by a signal' : `exit ${result.code}`;
  return new RemoteError('REMOTE_COMMAND_FAILED', `${what} (${exit}${said ? `: ${said}` : ''})`, session.hostKey);
}

function header(lines: readonly string[]): Buffer {
  return Buffer.from(lines.map((l) => `${l}\n`).join(''), 'utf8');
}

function sha256(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}
