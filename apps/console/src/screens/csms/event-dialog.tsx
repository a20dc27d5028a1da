import { useState } from 'react';
import type { EventForm, SecretEvent } from '../../api/csms-manage';
import { ConfirmDialog } from '../../ui/confirm-dialog';
import { Checkbox, SelectField, TextField } from '../../ui/field';

/** The SDK's event types, as docs/api-decisions.md ("Secret events") says when each notifies. */
export const EVENT_TYPES: ReadonlyArray<{ readonly value: string; readonly label: string }> = [
  { value: 'SECRET_VERSION_CREATED', label: 'Version created' },
  { value: 'SECRET_VERSION_EXPIRED', label: 'Version expired' },
  { value: 'SECRET_ROTATED', label: 'Secret rotated' },
  { value: 'SECRET_DELETED', label: 'Secret deleted' },
  { value: 'SECRET_ROTATED_FAILED', label: 'Rotation failed' },
];
const STATES = [
  { value: 'ENABLED', label: 'Enabled' },
  { value: 'DISABLED', label: 'Disabled' },
];
const NAME = /^[a-zA-Z0-9_-]{1,64}$/;

/** Create Event (with a name) or Edit Event (`event` given: its name stays). DEW delivers to a webhook URL. */
export function EventDialog({ event, onClose, save }: {
  readonly event: SecretEvent | null;
  readonly onClose: () => void;
  readonly save: (name: string, form: EventForm) => Promise<void>;
}) {
  const [name, setName] = useState(event?.name ?? '');
  const [types, setTypes] = useState<readonly string[]>(event?.event_types ?? []);
  const [state, setState] = useState(event?.state === 'DISABLED' ? 'DISABLED' : 'ENABLED');
  const [url, setUrl] = useState(event?.notification.target_id ?? '');
  const [target, setTarget] = useState(event?.notification.target_name ?? '');
  const toggle = (t: string, on: boolean) => setTypes(on ? [...types, t] : types.filter((x) => x !== t));
  const ready = NAME.test(name) && types.length > 0 && /^https?:\/\/\S+$/.test(url.trim());
  const form: EventForm = {
    event_types: types,
    state: state === 'DISABLED' ? 'DISABLED' : 'ENABLED',
    notification: { target_type: 'WEBHOOK', target_id: url.trim(), target_name: target.trim() },
  };
  return (
    <ConfirmDialog title={event ? `Edit Event ${event.name}` : 'Create Event'} ready={ready} onClose={onClose} onConfirm={() => save(name, form)}>
      <TextField label="Event name" value={name} onChange={setName} required disabled={event !== null} maxLength={64} hint="Letters, digits, underscores (_) and hyphens (-); up to 64." />
      <fieldset className="field">
        <legend>Event types</legend>
        {EVENT_TYPES.map((t) => (
          <Checkbox key={t.value} label={`${t.label} (${t.value})`} checked={types.includes(t.value)} onChange={(on) => toggle(t.value, on)} />
        ))}
      </fieldset>
      <SelectField label="Status" value={state} onChange={setState} options={STATES} />
      <TextField label="Webhook URL" value={url} onChange={setUrl} required maxLength={1024} hint="http:// or https://; a public address (a private one only where the administrator allows its host)." />
      <TextField label="Notification target name" value={target} onChange={setTarget} maxLength={64} hint="Optional; the URL's host by default." />
    </ConfirmDialog>
  );
}
