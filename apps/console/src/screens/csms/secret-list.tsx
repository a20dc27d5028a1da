import { useState } from 'react';
import { listSecrets, type Secret } from '../../api/csms';
import { listSecretsByTags } from '../../api/csms-manage';
import { Link } from '../../router';
import { pathTo } from '../../route-match';
import { useSignedIn } from '../../session';
import { ErrorNotice, StatusNotice } from '../../ui/error-notice';
import { takeFlash } from '../../ui/flash';
import { Page } from '../../ui/page';
import { Pager } from '../../ui/pager';
import { ScrollTable } from '../../ui/scroll-table';
import { TagSearch, tagFilter, type TagCriterion } from '../../ui/tag-search';
import { useLoad } from '../../ui/use-load';
import { formatTime } from '../kms/key-format';
import { CSMS_ROUTES } from './paths';
import { SecretActions } from './secret-actions';
import { secondsToMs, secretStateLabel, secretTypeLabel } from './secret-format';
import { RestoreSecretDialog } from './secret-restore';

/** Guide 2.2.1, "Viewing a Secret": the secret list. */
export function SecretList() {
  const { api, projectId } = useSignedIn();
  const [marker, setMarker] = useState<string | undefined>(undefined);
  const [status, setStatus] = useState<string | null>(takeFlash);
  const [restoring, setRestoring] = useState(false);
  const [criteria, setCriteria] = useState<readonly TagCriterion[] | null>(null);
  const listed = useLoad(async () => {
    if (criteria) return { secrets: (await listSecretsByTags(api, tagFilter(criteria))).map((r) => r.resource_detail), next: null };
    const page = await listSecrets(api, marker);
    return { secrets: page.secrets as readonly Secret[], next: page.page_info.next_marker };
  }, [api, projectId, marker, criteria]);
  return (
    <Page title="Secrets" crumbs={[{ label: 'Cloud Secret Management Service' }]} actions={
        <>
          <Link to={CSMS_ROUTES.create}>Create Secret</Link>
          <Link to={CSMS_ROUTES.events}>Events</Link>
          <button type="button" onClick={() => setRestoring(true)}>
            Restore Secret
          </button>
        </>
      }
    >
      <StatusNotice message={status} />
      <TagSearch max={10} onSearch={(c) => (setMarker(undefined), setCriteria(c))} />
      <ErrorNotice error={listed.error} />
      {listed.loading && !listed.data ? <p aria-busy="true">Loading secrets…</p> : null}
      {listed.data ? (
        listed.data.secrets.length === 0 ? (
          <p>{criteria ? 'No secret has every tag searched for.' : 'No secrets yet.'}</p>
        ) : (
          <ScrollTable label="Secrets" columns={['Secret Name', 'Status', 'Type', 'Created', 'Operation']}>
            {listed.data.secrets.map((s) => (
              <tr key={s.id}>
                <th scope="row">
                  <Link to={pathTo(CSMS_ROUTES.detail, { name: s.name })}>{s.name}</Link>
                </th>
                <td>{secretStateLabel(s.state)}</td>
                <td>{secretTypeLabel(s.secret_type)}</td>
                <td>{formatTime(secondsToMs(s.create_time))}</td>
                <td>
                  <SecretActions secret={s} onDone={(change) => (setStatus(change.message), listed.reload())} />
                </td>
              </tr>
            ))}
          </ScrollTable>
        )
      ) : null}
      <Pager marker={marker} next={listed.data?.next} go={setMarker} />
      {restoring ? <RestoreSecretDialog onClose={() => setRestoring(false)} onDone={(message) => (setStatus(message), listed.reload())} /> : null}
    </Page>
  );
}
