import { useState } from 'react';
import type { KeyDetails } from '../../api/kms';
import { rotateKeyNow } from '../../api/kms-key-manage';
import { disableKeyRotation, enableKeyRotation, getKeyRotationStatus, updateKeyRotationInterval } from '../../api/kms-key-settings';
import { useSignedIn } from '../../session';
import { ConfirmDialog } from '../../ui/confirm-dialog';
import { Details } from '../../ui/details';
import { ErrorNotice, StatusNotice } from '../../ui/error-notice';
import { TextField } from '../../ui/field';
import { ScrollTable } from '../../ui/scroll-table';
import { useLoad } from '../../ui/use-load';
import { formatTime, isEnabled, rotatable } from './key-format';

/** Table 1-13: the rotation period, in days. */
const MIN_DAYS = 30;
const MAX_DAYS = 365;
const DEFAULT_DAYS = 365;

type Open = 'enable' | 'period' | 'disable' | 'now';

/** Guide 1.7: the rotation switch, its period, and the key's materials so far (its rotation history). */
export function KeyRotation({ keyInfo }: { readonly keyInfo: KeyDetails }) {
  const { api } = useSignedIn();
  const keyId = keyInfo.key_id;
  const status = useLoad(() => getKeyRotationStatus(api, keyId), [api, keyId]);
  const [open, setOpen] = useState<Open | null>(null);
  const [said, say] = useState<string | null>(null);
  if (!rotatable(keyInfo)) {
    return <p className="hint">Only symmetric keys created by KMS rotate automatically; default keys never rotate, and imported or asymmetric keys are rotated by replacing them.</p>;
  }
  const s = status.data;
  const done = (message: string) => (say(message), status.reload());
  const close = () => setOpen(null);
  return (
    <>
      <StatusNotice message={said} />
      <ErrorNotice error={status.error} />
      {s ? (
        <>
          <Details
            items={[
              ['Key rotation', s.key_rotation_enabled ? 'Enabled' : 'Disabled'],
              ['Rotation period', s.key_rotation_enabled ? `${s.rotation_interval} days` : '—'],
              ['Last rotation', formatTime(s.last_rotation_time)],
              ['Number of rotations', String(s.number_of_rotations)],
            ]}
          />
          <div className="actions">
            {s.key_rotation_enabled ? (
              <>
                <button type="button" onClick={() => setOpen('period')}>
                  Change Rotation Period
                </button>
                <button type="button" onClick={() => setOpen('disable')}>
                  Disable Rotation
                </button>
              </>
            ) : (
              <button type="button" className="primary" onClick={() => setOpen('enable')}>
                Enable Rotation
              </button>
            )}
            <button type="button" onClick={() => setOpen('now')} disabled={!isEnabled(keyInfo)}>
              Rotate Now
            </button>
          </div>
          <h3>Key material versions</h3>
          <ScrollTable label="Key material versions" columns={['Material ID', 'State', 'Created', 'Expires']}>
            {s.key_materials.map((m) => (
              <tr key={m.material_id}>
                <th scope="row">
                  <code>{m.material_id}</code>
                </th>
                <td>{m.state === 1 ? 'Current (encrypts and decrypts)' : 'Earlier (decrypts only)'}</td>
                <td>{formatTime(m.create_time)}</td>
                <td>{formatTime(m.expiration_time)}</td>
              </tr>
            ))}
          </ScrollTable>
        </>
      ) : null}
      {open === 'enable' || open === 'period' ? (
        <PeriodDialog
          title={open === 'enable' ? 'Enable Key Rotation' : 'Change Rotation Period'}
          initial={s?.key_rotation_enabled ? s.rotation_interval : DEFAULT_DAYS}
          onClose={close}
          save={async (days) => {
            if (open === 'enable') await enableKeyRotation(api, keyId);
            // Enabling starts at the default period; another one is a second call.
            if (open === 'period' || days !== DEFAULT_DAYS) await updateKeyRotationInterval(api, keyId, days);
            done(open === 'enable' ? `Key rotation enabled: every ${days} days.` : `Rotation period changed to ${days} days.`);
          }}
        />
      ) : null}
      {open === 'now' ? (
        <ConfirmDialog title="Rotate Now" onClose={close} onConfirm={async () => (await rotateKeyNow(api, keyId), done('Key rotated: new material encrypts from now on.'))}>
          <p>KMS makes new material for this key now, outside the rotation schedule. Earlier materials stay and still decrypt what they encrypted.</p>
        </ConfirmDialog>
      ) : null}
      {open === 'disable' ? (
        <ConfirmDialog title="Disable Key Rotation" onClose={close} onConfirm={async () => (await disableKeyRotation(api, keyId), done('Key rotation disabled.'))}>
          <p>KMS stops making new material for this key. Earlier materials stay, so everything encrypted under them still decrypts.</p>
        </ConfirmDialog>
      ) : null}
    </>
  );
}

function PeriodDialog({ title, initial, onClose, save }: { readonly title: string; readonly initial: number; readonly onClose: () => void; readonly save: (days: number) => Promise<void> }) {
  const [days, setDays] = useState(String(initial));
  const ok = /^\d+$/.test(days) && Number(days) >= MIN_DAYS && Number(days) <= MAX_DAYS;
  return (
    <ConfirmDialog title={title} ready={ok} onClose={onClose} onConfirm={() => save(Number(days))}>
      <p>KMS makes new material for the key every period; the key ID, alias and permissions stay, and earlier material still decrypts what it encrypted.</p>
      <TextField label="Rotation period (days)" type="number" min={MIN_DAYS} max={MAX_DAYS} value={days} onChange={setDays} required hint={`An integer from ${MIN_DAYS} to ${MAX_DAYS}; ${DEFAULT_DAYS} by default.`} />
    </ConfirmDialog>
  );
}
