import type { GrantDetails } from '../../api/kms-key-settings';

/** The guide's Granted Operations (Figure 1-31, Table 1-14), by their API names. */
export const GRANT_OPERATIONS: ReadonlyArray<readonly [operation: string, label: string]> = [
  ['create-datakey-without-plaintext', 'Create Data Key Without Plaintext'],
  ['describe-key', 'Describe Key'],
  ['create-datakey', 'Create Data Key'],
  ['create-grant', 'Create Grant'],
  ['encrypt-datakey', 'Encrypt Data Key'],
  ['retire-grant', 'Retire Grant'],
  ['decrypt-datakey', 'Decrypt Data Key'],
  ['encrypt-data', 'Encrypt Data'],
  ['decrypt-data', 'Decrypt Data'],
];

export const operationLabel = (op: string): string => GRANT_OPERATIONS.find(([o]) => o === op)?.[1] ?? op;

/** Table 1-14: at least one operation, and never Create Grant alone. */
export const operationsValid = (ops: readonly string[]): boolean => ops.length > 0 && !(ops.length === 1 && ops[0] === 'create-grant');

/** Whether the signed-in user may retire the grant: its grantee (or the grantee's account), or its retiring principal. */
export function mayRetire(g: GrantDetails, me: { readonly userId: string; readonly domainId: string }): boolean {
  const grantee = g.grantee_principal_type === 'domain' ? g.grantee_principal === me.domainId : g.grantee_principal === me.userId;
  return grantee || (g.retiring_principal !== '' && g.retiring_principal === me.userId);
}
