import { useState } from 'react';
import { updateServer, type Server } from '../../api/kps';
import { useSignedIn } from '../../session';
import { ConfirmDialog } from '../../ui/confirm-dialog';
import { SelectField, TextField } from '../../ui/field';

/** docs/api-decisions.md, "Servers": the states and systems of DEW's inventory. */
const STATUSES = ['Running', 'Shut down', 'Starting', 'Stopping', 'Faulty'];
const SYSTEMS = ['Linux', 'Windows'];
const options = (values: readonly string[]) => values.map((v) => ({ value: v, label: v }));

/**
 * An inventory entry changed in place: where KPS reaches the server, who it logs in as, the sshd
 * files, and what the server is (its OS, and its status: setting a shut-down server Running runs
 * its waiting reset task).
 */
export function EditServerDialog({ server, onClose, onDone }: { readonly server: Server; readonly onClose: () => void; readonly onDone: (message: string) => void }) {
  const { api } = useSignedIn();
  const [name, setName] = useState(server.name);
  const [address, setAddress] = useState(server.address);
  const [port, setPort] = useState(String(server.port));
  const [user, setUser] = useState(server.login_user);
  const [configPath, setConfigPath] = useState(server.sshd_config_path);
  const [pidFile, setPidFile] = useState(server.sshd_pid_file);
  const [os, setOs] = useState(server.os);
  const [status, setStatus] = useState(server.status);
  const ready = name.trim() !== '' && address.trim() !== '' && /^\d+$/.test(port);
  const save = async () => {
    const saved = await updateServer(api, server.id, { name: name.trim(), address: address.trim(), port: Number(port), login_user: user, sshd_config_path: configPath, sshd_pid_file: pidFile, os, status });
    onDone(`Server ${saved.name} saved.`);
  };
  return (
    <ConfirmDialog title={`Edit Server ${server.name}`} ready={ready} onClose={onClose} onConfirm={save}>
      <TextField label="Server name" value={name} onChange={setName} required />
      <TextField label="Address" value={address} onChange={setAddress} required hint="IP address or host name." />
      <TextField label="SSH port" type="number" min={1} max={65535} value={port} onChange={setPort} required />
      <TextField label="Login user" value={user} onChange={setUser} required />
      <TextField label="sshd configuration file" value={configPath} onChange={setConfigPath} />
      <TextField label="sshd pid file" value={pidFile} onChange={setPidFile} />
      <SelectField label="Operating system" value={os} onChange={setOs} options={options(SYSTEMS)} />
      <SelectField label="Status" value={status} onChange={setStatus} options={options(STATUSES)} hint="A shut-down server set to Running gets the key pair a reset left waiting." />
    </ConfirmDialog>
  );
}
