import { DewError } from '../errors.js';
import { malformedIdMessage } from '../ids.js';
import { quote } from '../text.js';

/**
 * KPS refusals by what went wrong (codes: docs/api-decisions.md, "Error families"). Messages name
 * the limit and the value they got, quoting user input; never a private key, a sealed value, a
 * password or an encrypted password.
 */

// ---- KPS.0002: a bad field value -----------------------------------------------------------

/** `<field> must <requirement>[, got <got>]`; `got` is shown as given (quote it if it is input). */
export function KpsFieldInvalid(field: string, requirement: string, got?: string | number): DewError {
  return new DewError('KPS.0002', `${field} must ${requirement}${got === undefined ? '' : `, got ${got}`}`);
}

export function KpsForbiddenCharacter(field: string, allowed: string, bad: { readonly char: string; readonly position: number }): DewError {
  return new DewError('KPS.0002', `${field} may contain only ${allowed}, got ${quote(bad.char)} at position ${bad.position}`);
}

/** Server and task ids are UUIDs the service chose. */
export function KpsIdMalformed(field: string, value: unknown): DewError {
  return new DewError('KPS.0002', malformedIdMessage(field, 'uuid', value));
}

/** A field the server's OS does not take (the encrypted password is a Windows server's). */
export function ServerFieldNotForOs(field: string, os: string): DewError {
  return new DewError('KPS.0002', `${field} is only for Windows servers; this server runs ${os}`);
}

// ---- KPS.0404: no such key pair, server or task --------------------------------------------

/** Unknown or not visible to the caller (another user's user-scoped pair): never 403. */
export function KeypairNotFound(name: string): DewError {
  return new DewError('KPS.0404', `key pair ${quote(name)} does not exist`);
}

/** A reset of a shut-down server, or a password read, would use the private key of a pair the caller cannot see. */
export function BoundKeypairNotVisible(serverId: string, why: string): DewError {
  return new DewError('KPS.0404', `server ${quote(serverId)} is bound to a key pair you cannot see (${why} would use its private key)`);
}

export function ServerNotFound(serverId: string): DewError {
  return new DewError('KPS.0404', `server ${quote(serverId)} does not exist`);
}

export function BindTaskNotFound(taskId: string): DewError {
  return new DewError('KPS.0404', `task ${quote(taskId)} does not exist`);
}

/** Only failed tasks are deleted: any other task is, for that purpose, not there. */
export function FailedTaskNotFound(taskId: string): DewError {
  return new DewError('KPS.0404', `failed task ${quote(taskId)} does not exist`);
}

// ---- KPS.0409: conflict --------------------------------------------------------------------

/** `holder` says whose pair holds the name, e.g. "an account-scoped key pair". */
export function KeypairNameTaken(name: string, holder: string): DewError {
  return new DewError('KPS.0409', `key pair name ${quote(name)} is taken by ${holder}`);
}

export function KeypairAlreadyAccountScoped(name: string): DewError {
  return new DewError('KPS.0409', `key pair ${quote(name)} is already account-scoped (scope domain)`);
}

export function PrivateKeyAlreadyHosted(name: string): DewError {
  return new DewError('KPS.0409', `key pair ${quote(name)} already has a hosted private key; clear it first`);
}

/** A live (READY or RUNNING) task needs the pair: as the pair it binds, or as the server's current pair. */
export function KeypairInUseByTask(name: string, taskId: string, taskStatus: string): DewError {
  return new DewError('KPS.0409', `key pair ${quote(name)} is used by task ${taskId} (${taskStatus}); wait for it to finish`);
}

export function ServerIdTaken(serverId: string): DewError {
  return new DewError('KPS.0409', `server id ${quote(serverId)} is already taken`);
}

export function BindTaskIdTaken(taskId: string): DewError {
  return new DewError('KPS.0409', `task id ${quote(taskId)} is already taken`);
}

export function ServerAlreadyBound(serverId: string, keypairName: string): DewError {
  return new DewError('KPS.0409', `server ${quote(serverId)} is already bound to key pair ${quote(keypairName)}`);
}

export function ServerNotBound(serverId: string): DewError {
  return new DewError('KPS.0409', `server ${quote(serverId)} is not bound to a key pair`);
}

/** One live task per server: the SSH changes of two would race on one authorized_keys file. */
export function ServerTaskInProgress(serverId: string, taskId: string, taskStatus: string): DewError {
  return new DewError('KPS.0409', `server ${quote(serverId)} already has task ${taskId} (${taskStatus}); wait for it to finish`);
}

/** The task is not in the status the step needs (`expected`, e.g. "RUNNING"). */
export function BindTaskNotInStatus(taskId: string, status: string, expected: string): DewError {
  return new DewError('KPS.0409', `task ${quote(taskId)} is ${status}, not ${expected}`);
}

// ---- KPS.1001: quota -----------------------------------------------------------------------

/** `what` is the plural counted, e.g. "key pairs". */
export function KpsQuotaReached(what: string, quota: number, count: number): DewError {
  return new DewError('KPS.1001', `quota of ${quota} ${what} per account reached (${count} ${what})`);
}

// ---- KPS.1101: the server's OS or status forbids it ----------------------------------------

export function ServerOsForbids(serverId: string, os: string): DewError {
  return new DewError('KPS.1101', `server ${quote(serverId)} runs ${os}: DEW binds key pairs to Linux servers only`);
}

export function ServerStatusForbids(serverId: string, status: string, allowed: string): DewError {
  return new DewError('KPS.1101', `server ${quote(serverId)} is ${quote(status)}: the operation needs it ${allowed}`);
}

/** DEW reaches a server over SSH only: a stopped one with no pair of its own offers nothing to log in with later. */
export function StoppedServerUnreachable(serverId: string): DewError {
  return new DewError(
    'KPS.1101',
    `server ${quote(serverId)}: a shut-down server without a bound key pair cannot be reached: start it and bind with its password`,
  );
}

// ---- KPS.1102: no hosted private key -------------------------------------------------------

/** `why` says what needed it, e.g. "clearing it" or "replacing it on the shut-down server x". */
export function NoHostedPrivateKey(name: string, why: string): DewError {
  return new DewError('KPS.1102', `key pair ${quote(name)} has no hosted private key (needed for ${why})`);
}

// ---- KPS.0500: the service supplied a malformed value (our bug) ------------------------------

export function HostedPrivateKeyMalformed(field: string): DewError {
  return new DewError('KPS.0500', `hosted private key: ${field} is empty or malformed`);
}
