export { editAuthorizedKeys, DEFAULT_SSHD_CONFIG_PATH, DEFAULT_SSHD_PID_FILE } from './remote-edit.js';
export type { EditOptions, EditResult, KeyChange, SshEndpoint } from './remote-edit.js';
export { openSshSession } from './ssh-session.js';
export type { ExecResult, SshCredential, SshSession, SshTarget } from './ssh-session.js';
export { RemoteError } from './remote-failure.js';
export type { RemoteFailure } from './remote-failure.js';
export { NotAnAuthorizedKeyLine, addAuthorizedKey, authorizedKeysEdit, keyOfAuthorizedLine, removeAuthorizedKey } from './authorized-keys.js';
export type { AuthorizedKeysChange } from './authorized-keys.js';
export { isPlainLoginName, withPasswordLoginDisabled } from './sshd-config.js';
