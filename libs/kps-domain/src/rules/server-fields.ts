import { KpsFieldInvalid, KpsIdMalformed, ServerFieldNotForOs, canonicalBase64, charLength, isWellFormedId, quote } from '@dew/contracts';
import type { ServerFields, ServerOs, ServerStatus } from '../state/keypair-set.js';
import { isHostName, isIpLiteral } from './host-address.js';
import { checkedText, oneOf, shown } from './text.js';

/** Field rules of servers in DEW's inventory. Each returns the accepted value or throws a KPS refusal. */

/** Servers per account: DEW's choice (docs/api-decisions.md, "Error families"). */
export const SERVER_QUOTA = 1000;
export const SERVER_NAME_MAX = 64;
export const DEFAULT_PORT = 22;
export const DEFAULT_LOGIN_USER = 'root';
export const DEFAULT_SSHD_CONFIG_PATH = '/etc/ssh/sshd_config';
export const DEFAULT_SSHD_PID_FILE = '/run/sshd.pid';
/** Linux's utmp name size (UT_NAMESIZE). */
export const LOGIN_USER_MAX = 32;
export const SERVER_PATH_MAX = 1024;
/** Base64 of an RSA ciphertext: 684 characters at 4096 bits; room for 16384-bit keys. */
export const ENCRYPTED_PASSWORD_MAX = 4096;

export const SERVER_OSES: readonly ServerOs[] = ['Linux', 'Windows'];
export const SERVER_STATUSES: readonly ServerStatus[] = ['Running', 'Shut down', 'Starting', 'Stopping', 'Faulty'];

const SERVER_NAME_CHAR = { pattern: /^[A-Za-z0-9_.-]$/, text: 'A-Z a-z 0-9 _ . -' };
/** POSIX's portable filename character set, which POSIX user names are drawn from. */
const LOGIN_USER_CHAR = { pattern: /^[A-Za-z0-9._-]$/, text: 'A-Z a-z 0-9 . _ -' };
/** Path characters that need no quoting in a shell command line (the service runs sshd with them). */
const PATH_SEGMENT = /^[A-Za-z0-9._+@-]+$/;

/** Server and task ids are UUIDs the service chose. */
export function validateUuid(field: string, id: unknown): string {
  if (typeof id !== 'string' || !isWellFormedId('uuid', id)) throw KpsIdMalformed(field, id);
  return id;
}

export function validateServerName(name: unknown): string {
  return checkedText('name', name, { min: 1, max: SERVER_NAME_MAX, char: SERVER_NAME_CHAR });
}

export function validateAddress(address: unknown): string {
  if (typeof address !== 'string' || !(isIpLiteral(address) || isHostName(address))) {
    throw KpsFieldInvalid('address', 'be an IPv4 or IPv6 literal or a host name of at most 253 characters', quote(address));
  }
  return address;
}

/** null: none. */
export function validatePublicIp(publicIp: unknown): string | null {
  if (publicIp === null) return null;
  if (typeof publicIp !== 'string' || !isIpLiteral(publicIp)) throw KpsFieldInvalid('public_ip', 'be an IPv4 or IPv6 literal', quote(publicIp));
  return publicIp;
}

export function validatePort(port: unknown): number {
  if (typeof port !== 'number' || !Number.isInteger(port) || port < 1 || port > 65535) {
    throw KpsFieldInvalid('port', 'be an integer 1..65535', shown(port));
  }
  return port;
}

export function validateServerOs(os: unknown): ServerOs {
  return oneOf('os', SERVER_OSES, os);
}

export function validateServerStatus(status: unknown): ServerStatus {
  return oneOf('status', SERVER_STATUSES, status);
}

/**
 * POSIX user names: portable filename characters, starting with a letter or `_` — the names a bind
 * task can also write into sshd's `Match User` safely (docs/kps.md, "Bind tasks").
 */
export function validateLoginUser(loginUser: unknown): string {
  const user = checkedText('login_user', loginUser, { min: 1, max: LOGIN_USER_MAX, char: LOGIN_USER_CHAR });
  if (!/^[A-Za-z_]/.test(user)) throw KpsFieldInvalid('login_user', 'start with a letter or "_"', quote(user));
  return user;
}

/** An absolute path of plain segments: no `.` or `..`, no characters a shell would interpret. */
export function validateServerPath(field: string, path: unknown): string {
  if (typeof path !== 'string') throw KpsFieldInvalid(field, 'be a string');
  const length = charLength(path);
  if (length > SERVER_PATH_MAX) throw KpsFieldInvalid(field, `be at most ${SERVER_PATH_MAX} characters`, length);
  const segments = path.split('/');
  const plain = segments.slice(1).every((s) => PATH_SEGMENT.test(s) && s !== '.' && s !== '..');
  if (segments[0] !== '' || segments.length < 2 || !plain) {
    throw KpsFieldInvalid(field, 'be an absolute path of segments of A-Z a-z 0-9 . _ + @ - (no "." or ".." segment)', quote(path));
  }
  return path;
}

/** null: none. Only a Windows server has one; the value is never shown in a refusal. */
export function validateEncryptedPassword(encryptedPassword: unknown): string | null {
  if (encryptedPassword === null) return null;
  const ok =
    typeof encryptedPassword === 'string' &&
    encryptedPassword.length > 0 &&
    encryptedPassword.length <= ENCRYPTED_PASSWORD_MAX &&
    canonicalBase64(encryptedPassword) !== undefined;
  if (!ok) throw KpsFieldInvalid('encrypted_password', `be 1..${ENCRYPTED_PASSWORD_MAX} characters of base64`);
  return encryptedPassword;
}

const FIELD_RULES: { readonly [K in keyof ServerFields]: (value: unknown) => ServerFields[K] } = {
  name: validateServerName,
  address: validateAddress,
  publicIp: validatePublicIp,
  port: validatePort,
  os: validateServerOs,
  status: validateServerStatus,
  loginUser: validateLoginUser,
  sshdConfigPath: (value) => validateServerPath('sshd_config_path', value),
  sshdPidFile: (value) => validateServerPath('sshd_pid_file', value),
  encryptedPassword: validateEncryptedPassword,
};
/** The order fields are checked in: the first bad one is the one refused. */
export const SERVER_FIELD_NAMES = Object.keys(FIELD_RULES) as readonly (keyof ServerFields)[];

export const SERVER_DEFAULTS: Partial<ServerFields> = {
  publicIp: null,
  port: DEFAULT_PORT,
  loginUser: DEFAULT_LOGIN_USER,
  sshdConfigPath: DEFAULT_SSHD_CONFIG_PATH,
  sshdPidFile: DEFAULT_SSHD_PID_FILE,
  encryptedPassword: null,
};

/** Every field of a new server: as given, else its default, each checked by its rule. */
export function checkedNewServerFields(given: Partial<ServerFields>): ServerFields {
  const checked: Partial<Record<keyof ServerFields, unknown>> = {};
  for (const field of SERVER_FIELD_NAMES) checked[field] = FIELD_RULES[field](given[field] ?? SERVER_DEFAULTS[field]);
  // Each value came from its own field's rule.
  return checked as ServerFields;
}

/** The fields given (not undefined), each checked by its rule. */
export function checkedServerChanges(given: Partial<ServerFields>): Partial<ServerFields> {
  const checked: Partial<Record<keyof ServerFields, unknown>> = {};
  for (const field of SERVER_FIELD_NAMES) if (given[field] !== undefined) checked[field] = FIELD_RULES[field](given[field]);
  // Each value came from its own field's rule.
  return checked as Partial<ServerFields>;
}

/** The encrypted administrator password is a Windows server's. */
export function refusePasswordOffWindows(fields: Pick<ServerFields, 'os' | 'encryptedPassword'>): void {
  if (fields.encryptedPassword !== null && fields.os !== 'Windows') throw ServerFieldNotForOs('encrypted_password', fields.os);
}
