import type { GrantDetails } from '../../api/kms-key-settings';
import { mayRetire, operationLabel, operationsValid } from './grant-format';

const grant = (over: Partial<GrantDetails>): GrantDetails => ({
  key_id: 'k', grant_id: 'g', grantee_principal: 'u-other', grantee_principal_type: 'user', operations: ['describe-key'], issuing_principal: 'u-owner',
  creation_date: '0', name: '', retiring_principal: '', ...over,
});
const me = { userId: 'u-me', domainId: 'd-me' };

describe('grants', () => {
  it('labels operations as the guide does and keeps an unknown one by its API name', () => {
    expect(operationLabel('create-datakey-without-plaintext')).toBe('Create Data Key Without Plaintext');
    expect(operationLabel('generate-mac')).toBe('generate-mac');
  });

  it('refuses no operation and Create Grant alone (Table 1-14)', () => {
    expect([operationsValid([]), operationsValid(['create-grant']), operationsValid(['create-grant', 'encrypt-data'])]).toEqual([false, false, true]);
  });

  it('lets the grantee, the grantee account and the retiring principal retire, and nobody else', () => {
    expect(mayRetire(grant({ grantee_principal: 'u-me' }), me)).toBe(true);
    expect(mayRetire(grant({ grantee_principal: 'd-me', grantee_principal_type: 'domain' }), me)).toBe(true);
    expect(mayRetire(grant({ retiring_principal: 'u-me' }), me)).toBe(true);
    expect(mayRetire(grant({}), me)).toBe(false);
    // An account grant to another account whose ID happens to be the user's ID is not the user's.
    expect(mayRetire(grant({ grantee_principal: 'u-me', grantee_principal_type: 'domain' }), me)).toBe(false);
  });
});
