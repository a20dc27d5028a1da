import { DewError } from '../errors.js';
import { quote } from '../text.js';

/**
 * Dedicated HSM refusals by what went wrong (codes: docs/api-decisions.md, "Error families").
 * Messages name the rule and the value they got, quoting user input.
 */

// ---- DHSM.0002: a bad field value ----------------------------------------------------------

/** `<field> must <requirement>[, got <got>]`; `got` is shown as given (quote it if it is input). */
export function DhsmFieldInvalid(field: string, requirement: string, got?: string | number): DewError {
  return new DewError('DHSM.0002', `${field} must ${requirement}${got === undefined ? '' : `, got ${got}`}`);
}

export function DhsmForbiddenCharacter(field: string, allowed: string, bad: { readonly char: string; readonly position: number }): DewError {
  return new DewError('DHSM.0002', `${field} may contain only ${allowed}, got ${quote(bad.char)} at position ${bad.position}`);
}

// ---- DHSM.0404: no such instance -----------------------------------------------------------

export function HsmInstanceNotFound(instanceId: string): DewError {
  return new DewError('DHSM.0404', `Dedicated HSM instance ${quote(instanceId)} does not exist`);
}

// ---- DHSM.0409: conflict -------------------------------------------------------------------

export function HsmInstanceIdTaken(instanceId: string): DewError {
  return new DewError('DHSM.0409', `Dedicated HSM instance id ${quote(instanceId)} is already taken`);
}

export function HsmNameTaken(name: string, holderId: string): DewError {
  return new DewError('DHSM.0409', `instance name ${quote(name)} is taken by instance ${holderId}`);
}

/** The step needs the instance in one of `allowed` (status names as the console shows them). */
export function HsmStatusForbids(instanceId: string, step: string, status: string, allowed: readonly string[]): DewError {
  return new DewError('DHSM.0409', `instance ${quote(instanceId)} is ${status}: ${step} needs it ${allowed.join(' or ')}`);
}

/** A scheduled step asked for before its time (install, expiry). */
export function HsmStepNotDue(instanceId: string, step: string, dueAt: string): DewError {
  return new DewError('DHSM.0409', `instance ${quote(instanceId)}: ${step} is not due before ${dueAt}`);
}

/** The UKey's private half is handed out once (docs/hsm.md, "UKey"). */
export function HsmUkeyAlreadyDownloaded(instanceId: string, downloadedAt: string): DewError {
  return new DewError('DHSM.0409', `the UKey of instance ${quote(instanceId)} was downloaded at ${downloadedAt}; it is handed out once`);
}

/** No node of the instance has been active yet, so its CA does not exist yet. */
export function HsmCaNotPublished(instanceId: string, status: string): DewError {
  return new DewError('DHSM.0409', `instance ${quote(instanceId)} is ${status} and has no CA certificate yet: its first active node makes it`);
}

/** No UKey can be handed out for the instance: it must be replaced. */
export function HsmUkeyUnavailable(instanceId: string, why: string): DewError {
  return new DewError('DHSM.0409', `instance ${quote(instanceId)} ${why}: delete it and buy another`);
}

/** The instance's active node refused a request relayed through the control plane (KMS's access certificate). */
export function HsmApplianceRefused(instanceId: string, why: string): DewError {
  return new DewError('DHSM.0409', `instance ${quote(instanceId)} refused: ${why}`);
}

// ---- DHSM.0503: the appliance not answering ------------------------------------------------

/** No active node answered (a failover in progress, or the nodes not started): retry. */
export function HsmApplianceNotAnswering(instanceId: string, why: string): DewError {
  return new DewError('DHSM.0503', `instance ${quote(instanceId)} is not answering (${why}); retry`);
}

// ---- DHSM.1001: quota ----------------------------------------------------------------------

export function HsmQuotaReached(quota: number, count: number): DewError {
  return new DewError('DHSM.1001', `quota of ${quota} Dedicated HSM instances per project reached (${count} instances)`);
}
