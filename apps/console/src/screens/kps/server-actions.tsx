import { useState } from 'react';
import { associate, disassociate, removeServer, type Server, type ServerLogin } from '../../api/kps';
import { ApiError } from '../../api/errors';
import { useSignedIn } from '../../session';
import { ConfirmDialog } from '../../ui/confirm-dialog';
import { Checkbox, SelectField } from '../../ui/field';
import { DISCLAIMER } from './kps-format';
import { EditServerDialog } from './server-edit';
import { ServerLoginField } from './server-login-field';
import { WindowsPasswordDialog } from './server-password';

type Operation = 'bind' | 'replace' | 'reset' | 'unbind';

/** A task KPS accepted, for the page to follow until it ends. */
export interface StartedTask {
  readonly id: string;
  readonly label: string;
}

const LABELS: Readonly<Record<Operation, string>> = { bind: 'Bind', replace: 'Replace', reset: 'Reset', unbind: 'Unbind' };

export interface ServerRowProps {
  readonly keypairNames: readonly string[];
  readonly onStarted: (task: StartedTask) => void;
  /** An edit or a removal of the inventory entry, with the message to show. */
  readonly onChanged: (message: string) => void;
}

type Inventory = 'edit' | 'remove' | 'password';
const isOperation = (o: Operation | Inventory | null): o is Operation => o !== null && o in LABELS;

/**
 * A server row's operations (guide 3.4.1, 3.4.3–3.4.5): Bind on a server without a key pair;
 * Replace, Reset and Unbind on a bound one. Each starts a KPS task; `onStarted` follows it.
 * Key pairs are not bound to Windows servers from the console (guide 3.4.1, "Constraints"): they
 * offer Get Password instead (guide 3.7). Every entry can be edited or removed.
 */
export function ServerActions({ server, keypairNames, onStarted, onChanged }: ServerRowProps & { readonly server: Server }) {
  const { api } = useSignedIn();
  const [open, setOpen] = useState<Operation | Inventory | null>(null);
  const windows = server.os === 'Windows';
  const offered: readonly Operation[] = windows ? [] : server.keypair_name ? ['replace', 'reset', 'unbind'] : ['bind'];
  const busy = server.running_task_id !== null;
  const close = () => setOpen(null);
  const button = (op: Operation | Inventory, label: string, disabled = busy) => (
    <button key={op} type="button" onClick={() => setOpen(op)} aria-label={`${label} ${server.name}`} disabled={disabled}>
      {label}
    </button>
  );
  return (
    <div className="row-actions">
      {offered.map((op) => button(op, LABELS[op]))}
      {windows ? button('password', 'Get Password', !server.has_encrypted_password) : null}
      {button('edit', 'Edit')}
      {button('remove', 'Remove')}
      {open === 'edit' ? <EditServerDialog server={server} onClose={close} onDone={onChanged} /> : null}
      {open === 'password' ? <WindowsPasswordDialog server={server} keypairNames={keypairNames} onClose={close} /> : null}
      {open === 'remove' ? (
        <ConfirmDialog title={`Remove Server ${server.name}`} confirmLabel="Remove" onClose={close} onConfirm={async () => (await removeServer(api, server.id), onChanged(`Server ${server.name} removed.`))}>
          <p>DEW forgets the server; the server itself is not changed, and keeps accepting {server.keypair_name ? `the private key of ${server.keypair_name}` : 'its current logins'}.</p>
        </ConfirmDialog>
      ) : null}
      {isOperation(open) ? <TaskDialog operation={open} server={server} keypairNames={keypairNames} onClose={close} onStarted={onStarted} /> : null}
    </div>
  );
}

function TaskDialog({ operation, server, keypairNames, onClose, onStarted }: { readonly operation: Operation; readonly server: Server; readonly keypairNames: readonly string[]; readonly onClose: () => void; readonly onStarted: (task: StartedTask) => void }) {
  const { api } = useSignedIn();
  const choices = keypairNames.filter((n) => n !== server.keypair_name);
  const [keypair, setKeypair] = useState(choices[0] ?? '');
  // Replace and unbind log in with the key the server accepts now; a bind with the password.
  const needsLogin = operation !== 'reset';
  const [login, setLogin] = useState<ServerLogin>({ type: operation === 'bind' ? 'password' : 'keypair', key: '' });
  const [disablePassword, setDisablePassword] = useState(true);
  const target = `${server.name} (${server.login_user}@${server.address}:${server.port})`;
  const confirm = async () => {
    const auth = needsLogin ? login : null;
    const accepted = operation === 'unbind' ? await disassociate(api, server.id, auth) : await associate(api, keypair, server.id, auth, operation === 'bind' && disablePassword);
    if (accepted.status !== 'SUCCESS') throw new ApiError(400, accepted.error_code ?? 'KPS.0002', accepted.error_msg ?? 'KPS did not accept the task.');
    const what = operation === 'unbind' ? `Unbinding ${server.keypair_name ?? ''} from ${server.name}` : `${LABELS[operation]}: key pair ${keypair} on ${server.name}`;
    onStarted({ id: accepted.task_id, label: what });
  };
  return (
    <ConfirmDialog
      title={`${LABELS[operation]} Key Pair: ${server.name}`}
      acknowledgement={DISCLAIMER}
      ready={(operation === 'unbind' || keypair !== '') && (!needsLogin || login.key !== '')}
      onClose={onClose}
      onConfirm={confirm}
    >
      <p>
        Server {target}, status {server.status}
        {server.keypair_name ? `, key pair ${server.keypair_name}` : ''}.
      </p>
      {operation === 'unbind' ? (
        <p>The key pair&apos;s public key is removed from the login user&apos;s authorized_keys; log in with the password afterwards.</p>
      ) : (
        <SelectField label="New Key Pair" value={keypair} onChange={setKeypair} options={[{ value: '', label: 'Select a key pair' }, ...choices.map((n) => ({ value: n, label: n }))]} />
      )}
      {operation === 'reset' ? <p>A shut-down server gets the new key pair when it runs again; DEW logs in with the old key pair&apos;s managed private key.</p> : null}
      {needsLogin ? <ServerLoginField login={login} onChange={setLogin} /> : null}
      {operation === 'bind' ? <Checkbox label="Disable the password login mode" checked={disablePassword} onChange={setDisablePassword} /> : null}
    </ConfirmDialog>
  );
}
