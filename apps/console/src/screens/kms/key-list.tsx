import { useState } from 'react';
import { listKeys, type KeyDetails } from '../../api/kms';
import { listKeysByTags } from '../../api/kms-key-manage';
import { Link } from '../../router';
import { pathTo } from '../../route-match';
import { useSignedIn } from '../../session';
import { ErrorNotice, StatusNotice } from '../../ui/error-notice';
import { Checkbox } from '../../ui/field';
import { Page } from '../../ui/page';
import { Pager } from '../../ui/pager';
import { ScrollTable } from '../../ui/scroll-table';
import { TagSearch, tagFilter, type TagCriterion } from '../../ui/tag-search';
import { useLoad } from '../../ui/use-load';
import { BatchActions, BatchResults, type BatchReport } from './batch-actions';
import { KeyActions } from './key-actions';
import { enterpriseProjectLabel, isDefaultKey, keyStateLabel, originLabel } from './key-format';
import { KeyListTabs } from './key-list-tabs';
import { KMS_ROUTES } from './paths';

interface Listed {
  readonly keys: readonly KeyDetails[];
  readonly next: string | null;
}

const nameOf = (k: KeyDetails) => k.key_alias || k.key_id;

/** Guide 1.4.1, "Custom keys": the user's keys (default master keys are the services'), one by one or selected in a batch. */
export function KeyList() {
  const { api, projectId } = useSignedIn();
  const [marker, setMarker] = useState<string | undefined>(undefined);
  const [status, setStatus] = useState<string | null>(null);
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const [report, setReport] = useState<BatchReport | null>(null);
  const [criteria, setCriteria] = useState<readonly TagCriterion[] | null>(null);
  const listed = useLoad<Listed>(async () => {
    if (criteria) return { keys: (await listKeysByTags(api, tagFilter(criteria))).map((r) => r.resource_detail).filter((k) => !isDefaultKey(k)), next: null };
    const page = await listKeys(api, marker, 50);
    return { keys: page.key_details.filter((k) => !isDefaultKey(k)), next: page.truncated === 'true' ? page.next_marker : null };
  }, [api, projectId, marker, criteria]);
  const keys = listed.data?.keys ?? [];
  // Only keys on this page can be selected; a page turn or a reload forgets the rest.
  const chosen = keys.filter((k) => selected.has(k.key_id));
  const select = (keyId: string, on: boolean) => setSelected((s) => (on ? new Set([...s, keyId]) : new Set([...s].filter((id) => id !== keyId))));
  const done = (message: string) => {
    setStatus(message);
    setReport(null);
    listed.reload();
  };
  const batchDone = (r: BatchReport) => {
    setStatus(null);
    setReport(r);
    setSelected(new Set());
    listed.reload();
  };
  const go = (m: string | undefined) => (setSelected(new Set()), setMarker(m));
  return (
    <Page
      title="Custom keys"
      crumbs={[{ label: 'Key Management Service' }]}
      actions={
        <>
          <Link to={KMS_ROUTES.create}>Create Key</Link>
          <Link to={KMS_ROUTES.importKey}>Import Key</Link>
        </>
      }
    >
      <KeyListTabs current="custom" />
      <TagSearch max={20} onSearch={(c) => (setSelected(new Set()), setMarker(undefined), setCriteria(c))} />
      <StatusNotice message={status} />
      <BatchResults report={report} />
      <ErrorNotice error={listed.error} />
      {listed.loading && !listed.data ? <p aria-busy="true">Loading keys…</p> : null}
      {listed.data ? (
        keys.length === 0 ? (
          <p>{criteria ? 'No key has every tag searched for.' : 'No custom keys yet. Create one to encrypt data.'}</p>
        ) : (
          <>
            <div className="batch-bar">
              <Checkbox label="Select all keys on this page" checked={chosen.length === keys.length} onChange={(on) => setSelected(new Set(on ? keys.map((k) => k.key_id) : []))} />
              <BatchActions targets={chosen.map((k) => ({ keyId: k.key_id, name: nameOf(k) }))} onDone={batchDone} />
            </div>
            <ScrollTable label="Custom keys" columns={['Select', 'Alias/ID', 'Status', 'Key Algorithm and Usage', 'Origin', 'Enterprise Project', 'Operation']}>
              {keys.map((k) => (
                <tr key={k.key_id}>
                  <td>
                    <input type="checkbox" aria-label={`Select ${nameOf(k)}`} checked={selected.has(k.key_id)} onChange={(e) => select(k.key_id, e.target.checked)} />
                  </td>
                  <th scope="row">
                    <Link to={pathTo(KMS_ROUTES.detail, { keyId: k.key_id })}>{nameOf(k)}</Link>
                    <div className="id">{k.key_id}</div>
                  </th>
                  <td>{keyStateLabel(k.key_state)}</td>
                  <td>
                    {k.key_spec}
                    <div className="sub">{k.key_usage}</div>
                  </td>
                  <td>{originLabel(k.origin)}</td>
                  <td>{enterpriseProjectLabel(k)}</td>
                  <td>
                    <KeyActions keyInfo={k} onDone={done} />
                  </td>
                </tr>
              ))}
            </ScrollTable>
          </>
        )
      ) : null}
      <Pager marker={marker} next={listed.data?.next} go={go} />
    </Page>
  );
}
