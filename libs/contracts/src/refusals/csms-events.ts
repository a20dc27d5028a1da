import { DewError } from '../errors.js';
import { quote } from '../text.js';

/** Refusals of secret events (notification rules; docs/api-decisions.md, "Secret events"). */

export function UnknownSecretEvent(name: string): DewError {
  return new DewError('CSMS.0005', `event ${quote(name)} does not exist`);
}

export function SecretEventNameTaken(name: string): DewError {
  return new DewError('CSMS.1002', `event name ${quote(name)} already exists`);
}

export function SecretEventQuotaReached(quota: number, count: number): DewError {
  return new DewError('CSMS.1001', `event quota of ${quota} reached (${count} events in project)`);
}

/** An event some secret subscribes to stays until they unsubscribe. */
export function SecretEventInUse(name: string, secretNames: readonly string[]): DewError {
  const shown = secretNames.slice(0, 5).map(quote).join(', ');
  return new DewError('CSMS.0003', `event ${quote(name)} is subscribed by ${secretNames.length} secret(s) (${shown}); remove the subscription first`);
}

/** A webhook host the deployment does not allow (loopback, private, link-local: docs/api-decisions.md, "Secret events"). */
export function WebhookHostNotAllowed(host: string, why: string): DewError {
  return new DewError('CSMS.0002', `notification.target_id host ${quote(host)} is not allowed: ${why} (allow it with DEW_CSMS_WEBHOOK_ALLOWED_HOSTS)`);
}
