import { authorizedKeysEdit } from './authorized-keys.js';
import { readRemoteFile, replaceRemoteFile, type Replacement } from './remote-file.js';
import { RemoteError, type RemoteFailure } from './remote-failure.js';
import { isPlainLoginName, withPasswordLoginDisabled } from './sshd-config.js';
import { reloadSshd } from './sshd-reload.js';
import { openSshSession, type SshCredential, type SshSession } from './ssh-session.js';

export interface SshEndpoint {
  readonly host: string;
  readonly port: number;
  /** The login user, whose authorized_keys is edited. */
  readonly user: string;
  /** "type base64"; without it the server's key is accepted and returned (trust on first use). */
  readonly pinnedHostKey?: string;
  /** Absolute; /etc/ssh/sshd_config when absent. */
  readonly sshdConfigPath?: string;
  /** Absolute; /run/sshd.pid when absent. */
  readonly sshdPidFile?: string;
}

export interface KeyChange {
  /** An authorized_keys line to add unless its key (type and base64) is there already. */
  readonly add?: string;
  /** A public key; every line with it goes. */
  readonly remove?: string;
  /** Turns password and keyboard-interactive login off for the login user in sshd's configuration. */
  readonly disablePasswordLogin?: boolean;
}

export interface EditOptions {
  readonly readyTimeoutMs?: number;
  /** Ends the SSH connection at once when aborted, so nothing is written after it (SshTarget.signal). */
  readonly signal?: AbortSignal;
  /**
   * Asked right before each remote write (a file replaced, sshd reloaded), after the file was
   * read: false stops the edit there, and nothing more is written. BindTasks answers whether the
   * task is still RUNNING (docs/kps.md, "Bind tasks").
   */
  readonly beforeWrite?: () => Promise<boolean>;
}

export type EditResult =
  | { readonly ok: true; readonly hostKey: string }
  | { readonly ok: false; readonly failure: RemoteFailure; readonly message: string; readonly hostKey?: string };

export const DEFAULT_SSHD_CONFIG_PATH = '/etc/ssh/sshd_config';
export const DEFAULT_SSHD_PID_FILE = '/run/sshd.pid';
const AUTHORIZED_KEYS = '.ssh/authorized_keys';
/**
 * The most remote commands one edit runs: read and replace authorized_keys, then read and replace
 * sshd's configuration and reload sshd (a task's deadline counts on it, docs/kps.md "Bind tasks").
 */
export const EDIT_COMMANDS_MAX = 5;

/**
 * Logs in to `endpoint` and applies `change` to the login user's ~/.ssh/authorized_keys, then, if
 * asked, to sshd's configuration (and reloads sshd). Remote failures are results, never thrown;
 * what throws is a change or endpoint that could never work (a key that is not one, a bad path).
 */
export async function editAuthorizedKeys(
  endpoint: SshEndpoint,
  credential: SshCredential,
  change: KeyChange,
  options: EditOptions = {},
): Promise<EditResult> {
  // The file is edited as latin1 text (see editFile), so the line to add goes in as its UTF-8 bytes.
  const editKeys = authorizedKeysEdit({
    ...(change.add !== undefined ? { add: Buffer.from(change.add, 'utf8').toString('latin1') } : {}),
    ...(change.remove !== undefined ? { remove: change.remove } : {}),
  });
  const sshd = change.disablePasswordLogin === true ? sshdFilesOf(endpoint) : undefined;
  const mayWrite = async (what: string): Promise<void> => {
    if ((await options.beforeWrite?.()) === false) {
      throw new RemoteError('REMOTE_COMMAND_FAILED', `the edit on ${endpoint.host}:${endpoint.port} stopped before ${what}: its task was not confirmed still RUNNING, so nothing more was written`);
    }
  };
  let session: SshSession | undefined;
  try {
    session = await openSshSession({
      host: endpoint.host,
      port: endpoint.port,
      username: endpoint.user,
      credential,
      ...(endpoint.pinnedHostKey !== undefined ? { pinnedHostKey: endpoint.pinnedHostKey } : {}),
      ...(options.readyTimeoutMs !== undefined ? { readyTimeoutMs: options.readyTimeoutMs } : {}),
      ...(options.signal !== undefined ? { signal: options.signal } : {}),
    });
    await editFile(session, AUTHORIZED_KEYS, editKeys, { mode: 'private', check: 'none', whenAbsent: 'empty', mayWrite });
    if (sshd !== undefined) {
      const disable = (text: string): string => withPasswordLoginDisabled(text, endpoint.user);
      await editFile(session, sshd.configPath, disable, { mode: 'keep', check: 'sshd', whenAbsent: 'refuse', mayWrite });
      await mayWrite('reloading sshd');
      await reloadSshd(session, sshd.configPath, sshd.pidFile);
    }
    return { ok: true, hostKey: session.hostKey };
  } catch (err) {
    if (!(err instanceof RemoteError)) throw err;
    return { ok: false, failure: err.failure, message: err.message, ...(err.hostKey !== undefined ? { hostKey: err.hostKey } : {}) };
  } finally {
    session?.close();
  }
}

interface FileEdit {
  readonly mode: Replacement['mode'];
  readonly check: Replacement['check'];
  /** empty: a missing file is edited as an empty one; refuse: a missing file fails the edit. */
  readonly whenAbsent: 'empty' | 'refuse';
  /** Throws to stop the edit before `what` is written. */
  readonly mayWrite: (what: string) => Promise<void>;
}

// Files are edited as bytes: latin1 maps each byte to one character and back, so lines the edit
// does not touch are written back exactly, whatever their encoding.
async function editFile(session: SshSession, path: string, edit: (text: string) => string, how: FileEdit): Promise<void> {
  const file = await readRemoteFile(session, path);
  if (file.version === 'absent' && how.whenAbsent === 'refuse') {
    throw new RemoteError('REMOTE_COMMAND_FAILED', `there is no ${path} on ${session.where}`, session.hostKey);
  }
  const content = Buffer.from(edit(file.bytes.toString('latin1')), 'latin1');
  if (content.equals(file.bytes)) return;
  await how.mayWrite(`writing ${path}`);
  await replaceRemoteFile(session, file, { mode: how.mode, check: how.check, content });
}

function sshdFilesOf(endpoint: SshEndpoint): { configPath: string; pidFile: string } {
  if (!isPlainLoginName(endpoint.user)) throw new RangeError('password login can be turned off only for a plain user name');
  const configPath = endpoint.sshdConfigPath ?? DEFAULT_SSHD_CONFIG_PATH;
  const pidFile = endpoint.sshdPidFile ?? DEFAULT_SSHD_PID_FILE;
  for (const path of [configPath, pidFile]) {
    if (!path.startsWith('/') || /[\n\r\0]/.test(path)) throw new RangeError('sshd file paths must be absolute, on one line');
  }
  return { configPath, pidFile };
}
