import { useState } from 'react';
import type { Secret } from '../../api/csms';
import { rotateSecretNow, updateSecret } from '../../api/csms-manage';
import { useSignedIn } from '../../session';
import { ConfirmDialog } from '../../ui/confirm-dialog';
import { Details } from '../../ui/details';
import { TextField } from '../../ui/field';
import { formatTime } from '../kms/key-format';
import { secondsToMs } from './secret-format';

/** docs/api-decisions.md, "Secret rotation": a number and a unit d, h, m or s, from 6 hours to 8760 hours. */
const PERIOD = /^[1-9]\d*[dhms]$/;
const DEFAULT_PERIOD = '30d';

type Open = 'enable' | 'period' | 'disable' | 'now';

/**
 * A shared secret's rotation: automatic rotation on or off with its period, and Rotate Now (a new
 * version with a generated password takes SYSCURRENT). Other secret types are rotated elsewhere.
 */
export function SecretRotation({ secret, onDone }: { readonly secret: Secret; readonly onDone: (message: string) => void }) {
  const { api } = useSignedIn();
  const [open, setOpen] = useState<Open | null>(null);
  const close = () => setOpen(null);
  const name = secret.name;
  const common = secret.secret_type === 'COMMON' || secret.secret_type === '';
  return (
    <section aria-labelledby="rotation-title" className="panel">
      <h2 id="rotation-title">Rotation</h2>
      {!common ? (
        <p className="hint">Only shared secrets are rotated by CSMS.</p>
      ) : (
        <>
          <Details
            items={[
              ['Automatic rotation', secret.auto_rotation ? 'Enabled' : 'Disabled'],
              ['Rotation period', secret.auto_rotation ? secret.rotation_period : '—'],
              ['Last rotation', formatTime(secondsToMs(secret.rotation_time))],
              ['Next rotation', formatTime(secondsToMs(secret.next_rotation_time))],
            ]}
          />
          <div className="actions">
            {secret.auto_rotation ? (
              <>
                <button type="button" onClick={() => setOpen('period')}>
                  Change Rotation Period
                </button>
                <button type="button" onClick={() => setOpen('disable')}>
                  Disable Automatic Rotation
                </button>
              </>
            ) : (
              <button type="button" onClick={() => setOpen('enable')}>
                Enable Automatic Rotation
              </button>
            )}
            <button type="button" onClick={() => setOpen('now')} disabled={secret.state !== 'ENABLED'}>
              Rotate Now
            </button>
          </div>
        </>
      )}
      {open === 'enable' || open === 'period' ? (
        <PeriodDialog
          title={open === 'enable' ? 'Enable Automatic Rotation' : 'Change Rotation Period'}
          initial={secret.rotation_period || DEFAULT_PERIOD}
          onClose={close}
          save={async (period) => (await updateSecret(api, name, { auto_rotation: true, rotation_period: period }), onDone(`Automatic rotation of ${name}: every ${period}.`))}
        />
      ) : null}
      {open === 'disable' ? (
        <ConfirmDialog title="Disable Automatic Rotation" onClose={close} onConfirm={async () => (await updateSecret(api, name, { auto_rotation: false }), onDone(`Automatic rotation of ${name} disabled.`))}>
          <p>CSMS stops making new versions of this secret on a schedule; its versions stay.</p>
        </ConfirmDialog>
      ) : null}
      {open === 'now' ? (
        <ConfirmDialog title="Rotate Now" onClose={close} onConfirm={async () => onDone(`Secret ${name} rotated: version ${(await rotateSecretNow(api, name)).version_id} is now SYSCURRENT.`)}>
          <p>CSMS makes a new version with a generated 32-character password; it becomes SYSCURRENT and the current version SYSPREVIOUS. Update whatever uses the old value.</p>
        </ConfirmDialog>
      ) : null}
    </section>
  );
}

function PeriodDialog({ title, initial, onClose, save }: { readonly title: string; readonly initial: string; readonly onClose: () => void; readonly save: (period: string) => Promise<void> }) {
  const [period, setPeriod] = useState(initial);
  return (
    <ConfirmDialog title={title} ready={PERIOD.test(period.trim())} onClose={onClose} onConfirm={() => save(period.trim())}>
      <p>CSMS makes a new version with a generated password every period, acting as you with the rights you have at each run.</p>
      <TextField label="Rotation period" value={period} onChange={setPeriod} required hint="A number and a unit: d (days), h (hours), m (minutes) or s (seconds), from 6h to 8760h, e.g. 30d." />
    </ConfirmDialog>
  );
}
