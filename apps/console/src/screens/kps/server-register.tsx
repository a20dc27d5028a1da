import { useState } from 'react';
import { registerServer } from '../../api/kps';
import { navigate } from '../../router';
import { useSignedIn } from '../../session';
import { ErrorNotice } from '../../ui/error-notice';
import { TextField } from '../../ui/field';
import { flash } from '../../ui/flash';
import { Page } from '../../ui/page';
import { useAction } from '../../ui/use-action';
import { KPS_ROUTES } from './paths';

/**
 * A server KPS may bind key pairs to (DEW's inventory stands where Huawei's ECS list is): its
 * address, SSH port and login user, and the sshd files "disable password login" edits and signals.
 * No password is asked here: a bind asks for it, and KPS keeps it only for that task.
 */
export function ServerRegister() {
  const { api } = useSignedIn();
  const [name, setName] = useState('');
  const [address, setAddress] = useState('');
  const [port, setPort] = useState('22');
  const [user, setUser] = useState('root');
  const [configPath, setConfigPath] = useState('/etc/ssh/sshd_config');
  const [pidFile, setPidFile] = useState('/run/sshd.pid');
  const { busy, error, run } = useAction(async () => {
    const server = await registerServer(api, { name, address, port: Number(port), login_user: user, sshd_config_path: configPath, sshd_pid_file: pidFile });
    flash(`Server ${server.name} registered.`);
    navigate(KPS_ROUTES.servers);
  });
  return (
    <Page title="Register Server" crumbs={[{ label: 'Key Pair Service' }, { label: 'Server List', to: KPS_ROUTES.servers }]}>
      <form onSubmit={run} className="form">
        <TextField label="Server name" value={name} onChange={setName} required />
        <TextField label="Address" value={address} onChange={setAddress} required hint="IP address or host name." />
        <TextField label="SSH port" type="number" min={1} max={65535} value={port} onChange={setPort} required />
        <TextField label="Login user" value={user} onChange={setUser} required />
        <TextField label="sshd configuration file" value={configPath} onChange={setConfigPath} hint="Edited when a bind disables password login." />
        <TextField label="sshd pid file" value={pidFile} onChange={setPidFile} hint="sshd is told to reload through it." />
        <ErrorNotice error={error} />
        <div className="actions">
          <button type="submit" className="primary" disabled={busy}>
            {busy ? 'Registering…' : 'OK'}
          </button>
          <a href={`#${KPS_ROUTES.servers}`}>Cancel</a>
        </div>
      </form>
    </Page>
  );
}
