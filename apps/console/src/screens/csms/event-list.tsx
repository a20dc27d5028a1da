import { useState } from 'react';
import { createSecretEvent, deleteSecretEvent, listSecretEvents, updateSecretEvent, type SecretEvent } from '../../api/csms-manage';
import { useSignedIn } from '../../session';
import { ConfirmDialog } from '../../ui/confirm-dialog';
import { ErrorNotice, StatusNotice } from '../../ui/error-notice';
import { Page } from '../../ui/page';
import { RowButton } from '../../ui/row-button';
import { saveFile } from '../../ui/save-file';
import { ScrollTable } from '../../ui/scroll-table';
import { useLoad } from '../../ui/use-load';
import { formatTime } from '../kms/key-format';
import { EventDialog } from './event-dialog';
import { CSMS_ROUTES } from './paths';
import { secondsToMs } from './secret-format';

type Open = { readonly mode: 'create' } | { readonly mode: 'edit' | 'delete'; readonly event: SecretEvent };

/**
 * Secret events: the notification rules a secret subscribes to (its Edit picks one). Create
 * downloads the key the webhook deliveries are signed with, which the API answers only then.
 */
export function EventList() {
  const { api, projectId } = useSignedIn();
  const events = useLoad(() => listSecretEvents(api), [api, projectId]);
  const [open, setOpen] = useState<Open | null>(null);
  const [status, setStatus] = useState<string | null>(null);
  const close = () => setOpen(null);
  const done = (message: string) => (setStatus(message), events.reload());
  return (
    <Page
      title="Events"
      crumbs={[{ label: 'Cloud Secret Management Service' }, { label: 'Secrets', to: CSMS_ROUTES.list }]}
      actions={
        <button type="button" onClick={() => setOpen({ mode: 'create' })}>
          Create Event
        </button>
      }
    >
      <StatusNotice message={status} />
      <ErrorNotice error={events.error} />
      {events.data && events.data.length === 0 ? <p>No events yet.</p> : null}
      {events.data && events.data.length > 0 ? (
        <ScrollTable label="Events" columns={['Event Name', 'Event Types', 'Status', 'Notification', 'Updated', 'Operation']}>
          {events.data.map((e) => (
            <tr key={e.event_id}>
              <th scope="row">{e.name}</th>
              <td>{e.event_types.map((t) => <span key={t} className="tag">{t}</span>)}</td>
              <td>{e.state === 'ENABLED' ? 'Enabled' : 'Disabled'}</td>
              <td>
                {e.notification.target_name}
                <div className="sub">{e.notification.target_id}</div>
              </td>
              <td>{formatTime(secondsToMs(e.update_time))}</td>
              <td className="row-actions">
                <RowButton label="Edit" subject={e.name} onClick={() => setOpen({ mode: 'edit', event: e })} />
                <RowButton label="Delete" subject={e.name} onClick={() => setOpen({ mode: 'delete', event: e })} />
              </td>
            </tr>
          ))}
        </ScrollTable>
      ) : null}
      {open?.mode === 'delete' ? (
        <ConfirmDialog title={`Delete Event ${open.event.name}`} onClose={close} onConfirm={async () => (await deleteSecretEvent(api, open.event.name), done(`Event ${open.event.name} deleted.`))}>
          <p>Notifications still owed for this event are dropped. An event a secret subscribes to cannot be deleted: edit the secret first.</p>
        </ConfirmDialog>
      ) : open ? (
        <EventDialog
          event={open.mode === 'edit' ? open.event : null}
          onClose={close}
          save={async (name, form) => {
            if (open.mode === 'edit') return done(`Event ${(await updateSecretEvent(api, name, form)).name} saved.`);
            // The signing key goes straight from the answer into a file, as a private key does (docs/console.md, "Security").
            saveFile(`${name}.signing-key`, (await createSecretEvent(api, name, form)).signing_key);
            done(`Event ${name} created; the key that signs its webhook deliveries was downloaded as ${name}.signing-key (it is shown only once).`);
          }}
        />
      ) : null}
    </Page>
  );
}
