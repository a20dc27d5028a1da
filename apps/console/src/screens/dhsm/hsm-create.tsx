import { useState } from 'react';
import { createHsm } from '../../api/dhsm';
import { navigate } from '../../router';
import { pathTo } from '../../route-match';
import { useSignedIn } from '../../session';
import { Details } from '../../ui/details';
import { ErrorNotice } from '../../ui/error-notice';
import { TextArea } from '../../ui/field';
import { flash } from '../../ui/flash';
import { Page } from '../../ui/page';
import { useAction } from '../../ui/use-action';
import { DHSM_ROUTES } from './paths';

/**
 * Guide 4.2.1: the billing mode, the edition of table 4-2 and the contact the UKey goes to (the
 * guide's service ticket). A purchase lands on the instance's page, which follows its installation.
 */
export function HsmCreate() {
  const { api } = useSignedIn();
  const [contact, setContact] = useState('');
  const { busy, error, run } = useAction(async () => {
    const instance = await createHsm(api, contact);
    flash(`Instance ${instance.name} purchased: ${instance.status}.`);
    navigate(pathTo(DHSM_ROUTES.detail, { instanceId: instance.id }));
  });
  return (
    <Page title="Create Dedicated HSM" crumbs={[{ label: 'Data Encryption Workshop' }, { label: 'Dedicated HSM', to: DHSM_ROUTES.list }]}>
      <form onSubmit={run} className="form">
        <Details
          items={[
            ['Billing Mode', 'Yearly/Monthly'],
            ['Service Edition', 'Platinum'],
            ['Encryption Algorithm', 'AES; RSA, DSA, ECDSA, DH, ECDH; SHA1, SHA256, SHA384'],
            ['Certification', 'FIPS 140-2 Level 3'],
          ]}
        />
        <TextArea
          label="Contact information"
          value={contact}
          onChange={setContact}
          required
          rows={3}
          hint="Where the UKey is sent and how our security experts reach you: an e-mail address, a phone number or a postal address."
        />
        <ErrorNotice error={error} />
        <div className="actions">
          <button type="submit" className="primary" disabled={busy}>
            {busy ? 'Purchasing…' : 'Buy Now'}
          </button>
          <a href={`#${DHSM_ROUTES.list}`}>Cancel</a>
        </div>
      </form>
    </Page>
  );
}
