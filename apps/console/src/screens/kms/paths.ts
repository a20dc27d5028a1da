/** The KMS screens' addresses (hash paths), shared by the route table and the links between screens. */
export const KMS_ROUTES = {
  list: '/kms/keys',
  create: '/kms/create-key',
  detail: '/kms/keys/:keyId',
  defaultKeys: '/kms/default-keys',
  importKey: '/kms/import-key',
  /** The wizard from step 2, for a key whose import was left unfinished (guide 1.3.2, step 9 note). */
  importInto: '/kms/keys/:keyId/import',
} as const;
