import { useState } from 'react';
import { listKeypairs, listServers, showKeypair } from '../../api/kps';
import { navigate } from '../../router';
import { useSignedIn } from '../../session';
import { Details } from '../../ui/details';
import { ErrorNotice, StatusNotice } from '../../ui/error-notice';
import { TextArea } from '../../ui/field';
import { flash, takeFlash } from '../../ui/flash';
import { Page } from '../../ui/page';
import { useLoad } from '../../ui/use-load';
import { formatTime } from '../kms/key-format';
import { KeypairActions, type KeypairChange } from './keypair-actions';
import { DescriptionDialog } from './keypair-edit';
import { privateKeyLabel, scopeLabel } from './kps-format';
import { KPS_ROUTES } from './paths';
import { ServerTable } from './server-table';
import { FollowedTasks } from './task-progress';
import { useServerTasks } from './use-server-tasks';

/** Guide 3.4.2 step 5: the key pair's facts and the servers it is bound to, with their operations. */
export function KeypairDetail({ name }: { readonly name: string }) {
  const { api } = useSignedIn();
  const [status, setStatus] = useState<string | null>(takeFlash);
  const [editing, setEditing] = useState(false);
  const tasks = useServerTasks();
  const keypair = useLoad(() => showKeypair(api, name), [api, name]);
  const servers = useLoad(async () => (await listServers(api)).filter((s) => s.keypair_name === name), [api, name, tasks.round]);
  const names = useLoad(async () => (await listKeypairs(api)).keypairs.map((k) => k.name), [api]);
  const changed = (c: KeypairChange) => {
    if (!c.gone) return (setStatus(c.message), keypair.reload());
    flash(c.message);
    navigate(KPS_ROUTES.list);
  };
  const k = keypair.data;
  return (
    <Page title={name} crumbs={[{ label: 'Key Pair Service' }, { label: 'Key Pairs', to: KPS_ROUTES.list }]} actions={k ? <KeypairActions name={k.name} hosted={k.is_key_protection} onDone={changed} /> : null}>
      <StatusNotice message={status} />
      <ErrorNotice error={keypair.error} />
      {k ? (
        <>
          <Details
            items={[
              ['Key Pair Name', k.name],
              ['Algorithm', k.algorithm],
              ['Fingerprint (MD5)', <code key="md5">{k.fingerprint}</code>],
              ['Fingerprint (SHA256)', <code key="sha">{k.fingerprint_sha256}</code>],
              ['Private Key', privateKeyLabel(k.is_key_protection)],
              ['Scope', scopeLabel(k.scope)],
              ['Quantity', String(k.bound_servers)],
              ['Created', formatTime(k.create_time * 1000)],
              ['Description', k.description || '—'],
            ]}
          />
          <button type="button" onClick={() => setEditing(true)}>
            Modify Description
          </button>
          {editing ? <DescriptionDialog name={k.name} description={k.description} onClose={() => setEditing(false)} onDone={(m) => (setStatus(m), keypair.reload())} /> : null}
          <TextArea label="Public key" value={k.public_key} onChange={() => undefined} readOnly rows={3} />
        </>
      ) : null}
      <FollowedTasks tasks={tasks.tasks} onFinished={() => (tasks.finished(), keypair.reload())} />
      <section aria-labelledby="servers-title" className="panel">
        <h2 id="servers-title">Servers bound to {name}</h2>
        <ErrorNotice error={servers.error} />
        {servers.data?.length ? <ServerTable servers={servers.data} keypairNames={names.data ?? []} onStarted={tasks.started} onChanged={(m) => (setStatus(m), servers.reload())} /> : <p>The key pair is bound to no server.</p>}
      </section>
    </Page>
  );
}
