import { listKeys, type KeyDetails } from '../../api/kms';
import { Link } from '../../router';
import { pathTo } from '../../route-match';
import { useSignedIn, type Api } from '../../session';
import { ErrorNotice } from '../../ui/error-notice';
import { Page } from '../../ui/page';
import { ScrollTable } from '../../ui/scroll-table';
import { useLoad } from '../../ui/use-load';
import { enterpriseProjectLabel, formatTime, isDefaultKey, keyStateLabel } from './key-format';
import { KeyListTabs } from './key-list-tabs';
import { KMS_ROUTES } from './paths';

/** The project's default keys wherever they fall in the paged list: a service makes one each, so they are few. */
async function defaultKeys(api: Api): Promise<KeyDetails[]> {
  const found: KeyDetails[] = [];
  let marker: string | undefined;
  do {
    const page = await listKeys(api, marker, 1000);
    found.push(...page.key_details.filter(isDefaultKey));
    marker = page.truncated === 'true' ? page.next_marker : undefined;
  } while (marker);
  return found;
}

/**
 * Guide 1.4.1, "Default keys" (Figure 1-8): the keys the services created for themselves
 * (`csms/default`, `kps/default`, …). They are shown, never changed: no action applies to them.
 */
export function DefaultKeyList() {
  const { api, projectId } = useSignedIn();
  const listed = useLoad(() => defaultKeys(api), [api, projectId]);
  return (
    <Page title="Default Keys" crumbs={[{ label: 'Key Management Service' }]}>
      <KeyListTabs current="default" />
      <ErrorNotice error={listed.error} />
      {listed.loading && !listed.data ? <p aria-busy="true">Loading keys…</p> : null}
      {listed.data ? (
        listed.data.length === 0 ? (
          <p>No default keys yet: a service creates its own when it first encrypts for this project (for example csms/default for a secret).</p>
        ) : (
          <ScrollTable label="Default keys" columns={['Alias/ID', 'Status', 'Created', 'Key Algorithm and Usage', 'Enterprise Project']}>
            {listed.data.map((k) => (
              <tr key={k.key_id}>
                <th scope="row">
                  <Link to={pathTo(KMS_ROUTES.detail, { keyId: k.key_id })}>{k.key_alias}</Link>
                  <div className="id">{k.key_id}</div>
                </th>
                <td>{keyStateLabel(k.key_state)}</td>
                <td>{formatTime(k.creation_date)}</td>
                <td>
                  {k.key_spec}
                  <div className="sub">{k.key_usage}</div>
                </td>
                <td>{enterpriseProjectLabel(k)}</td>
              </tr>
            ))}
          </ScrollTable>
        )
      ) : null}
    </Page>
  );
}
