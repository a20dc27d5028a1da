import { useState } from 'react';
import type { Secret } from '../../api/csms';
import { listSecretEvents, updateSecret, type SecretChanges } from '../../api/csms-manage';
import { listKeys } from '../../api/kms';
import { useSignedIn, type Api } from '../../session';
import { ConfirmDialog } from '../../ui/confirm-dialog';
import { SelectField, TextArea } from '../../ui/field';
import { useLoad } from '../../ui/use-load';
import { isDefaultKey, isEnabled } from '../kms/key-format';

const CSMS_DEFAULT = 'csms/default';
const NO_EVENT = '';

/** Keys a secret can be sealed under: csms/default and the enabled symmetric ENCRYPT_DECRYPT user keys. */
async function secretKeys(api: Api) {
  const { key_details: keys } = await listKeys(api, undefined, 1000);
  return keys.filter((k) => (isDefaultKey(k) ? k.key_alias === CSMS_DEFAULT : isEnabled(k) && k.key_usage === 'ENCRYPT_DECRYPT' && (k.key_spec === 'AES_256' || k.key_spec === 'SM4')));
}

/**
 * Guide 2.2.1's Edit: the encryption key and the description, and the event whose notifications
 * the secret sends (at most one; docs/api-decisions.md, "Secret events"). Only what changed is sent.
 */
export function EditSecretDialog({ secret, onClose, onDone }: { readonly secret: Secret; readonly onClose: () => void; readonly onDone: (message: string) => void }) {
  const { api } = useSignedIn();
  const keys = useLoad(() => secretKeys(api), [api]);
  const events = useLoad(() => listSecretEvents(api), [api]);
  const [keyId, setKeyId] = useState(secret.kms_key_id);
  const [description, setDescription] = useState(secret.description);
  const [event, setEvent] = useState(secret.event_subscriptions[0] ?? NO_EVENT);
  const keyOptions = (keys.data ?? []).map((k) => ({ value: k.key_id, label: k.key_alias || k.key_id }));
  if (!keyOptions.some((o) => o.value === secret.kms_key_id)) keyOptions.unshift({ value: secret.kms_key_id, label: secret.kms_key_id });
  const eventOptions = [{ value: NO_EVENT, label: 'None' }, ...(events.data ?? []).map((e) => ({ value: e.name, label: `${e.name} (${e.event_types.join(', ')})` }))];
  const changes: SecretChanges = {
    ...(keyId !== secret.kms_key_id ? { kms_key_id: keyId } : {}),
    ...(description !== secret.description ? { description } : {}),
    ...(event !== (secret.event_subscriptions[0] ?? NO_EVENT) ? { event_subscriptions: event ? [event] : [] } : {}),
  };
  return (
    <ConfirmDialog
      title="Edit Secret"
      ready={Object.keys(changes).length > 0}
      onClose={onClose}
      onConfirm={async () => (await updateSecret(api, secret.name, changes), onDone(`Secret ${secret.name} updated.`))}
    >
      <SelectField label="KMS encryption key" value={keyId} onChange={setKeyId} options={keyOptions} hint="New versions are sealed under this key; existing versions keep theirs." />
      <TextArea label="Description" value={description} onChange={setDescription} rows={3} hint="Up to 2048 bytes (UTF-8)." />
      <SelectField label="Event notification" value={event} onChange={setEvent} options={eventOptions} hint="The event whose notifications this secret sends (at most one)." />
    </ConfirmDialog>
  );
}
