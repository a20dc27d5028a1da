import { useState } from 'react';
import { batchAssociate, type Server, type ServerLogin } from '../../api/kps';
import { useSignedIn } from '../../session';
import { ConfirmDialog } from '../../ui/confirm-dialog';
import { Checkbox, SelectField } from '../../ui/field';
import { DISCLAIMER } from './kps-format';
import type { StartedTask } from './server-actions';
import { ServerLoginField } from './server-login-field';

/** A server KPS refused at once, with the API's code and message. */
export interface RefusedBind {
  readonly server: string;
  readonly code: string;
  readonly message: string;
}

/** KPS takes at most 10 servers in one batch-associate call. */
export const BATCH_BIND_MAX = 10;

/**
 * Guide 3.4.1 for several servers at once: one key pair, one way to log in (the servers share a
 * password, or a private key they all accept), "Disable the password login mode" and the
 * disclaimer. Each server gets its own task, followed on the page; a refused one says why.
 */
export function BatchBindDialog(p: {
  readonly servers: readonly Server[];
  readonly keypairNames: readonly string[];
  readonly onClose: () => void;
  readonly onStarted: (tasks: readonly StartedTask[], refused: readonly RefusedBind[]) => void;
}) {
  const { api } = useSignedIn();
  const [keypair, setKeypair] = useState('');
  const [login, setLogin] = useState<ServerLogin>({ type: 'password', key: '' });
  const [disablePassword, setDisablePassword] = useState(true);
  const named = new Map(p.servers.map((s) => [s.id, s.name]));
  const bind = async () => {
    const answers = await batchAssociate(api, keypair, [...named.keys()], login, disablePassword);
    const nameOf = (id: string) => named.get(id) ?? id;
    p.onStarted(
      answers.filter((a) => a.status === 'SUCCESS').map((a) => ({ id: a.task_id, label: `Bind: key pair ${keypair} on ${nameOf(a.server_id)}` })),
      answers.filter((a) => a.status !== 'SUCCESS').map((a) => ({ server: nameOf(a.server_id), code: a.error_code ?? 'KPS.0002', message: a.error_msg ?? 'KPS did not accept the task.' })),
    );
  };
  return (
    <ConfirmDialog title={`Bind Key Pair: ${p.servers.length} servers`} acknowledgement={DISCLAIMER} ready={keypair !== '' && login.key !== ''} onClose={p.onClose} onConfirm={bind}>
      <p>The system will configure the key pair for each of these servers: {p.servers.map((s) => s.name).join(', ')}.</p>
      <SelectField label="New Key Pair" value={keypair} onChange={setKeypair} options={[{ value: '', label: 'Select a key pair' }, ...p.keypairNames.map((n) => ({ value: n, label: n }))]} />
      <ServerLoginField login={login} onChange={setLogin} />
      <Checkbox label="Disable the password login mode" checked={disablePassword} onChange={setDisablePassword} />
    </ConfirmDialog>
  );
}
