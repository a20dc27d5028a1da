/**
 * The bytes a UKey signs for one admin call: a fixed prefix, the method, the instance, the
 * node's single-use challenge and the call's fields (keys sorted), so a signature authorises
 * exactly one call on one instance.
 */
export function adminMessage(method: string, instanceId: string, challenge: Buffer, fields: Readonly<Record<string, string>>): Buffer {
  const sorted = Object.fromEntries(Object.entries(fields).sort(([a], [b]) => (a < b ? -1 : 1)));
  return Buffer.from(JSON.stringify(['dew-hsm-admin/v1', method, instanceId, challenge.toString('base64'), sorted]), 'utf8');
}
