import type { Model } from './walk.js';

const RECIPIENT_ONLY = 'answered only for a Qingtian attestation recipient, which DEW does not serve (docs/api-decisions.md)';

/** CreateRsaDatakeyPairResponse and CreateEcDatakeyPairResponse (huaweicloud-sdk-nodejs-v3 services/kms/v2/model): the same fields. */
export const DATAKEY_PAIR_MODEL: Model = {
  key_id: { type: 'string' },
  key_spec: { type: 'string' },
  public_key: { type: 'string' },
  private_key_cipher_text: { type: 'string' },
  private_key_plain_text: { type: 'string', omitted: 'absent when with_plain_text is false' },
  wrapped_private_key: { type: 'string', omitted: RECIPIENT_ONLY },
  ciphertext_recipient: { type: 'string', omitted: RECIPIENT_ONLY },
};

/** DeriveSharedSecretResponse. */
export const DERIVE_SHARED_SECRET_MODEL: Model = {
  key_id: { type: 'string' },
  key_agreement_algorithm: { type: 'string' },
  shared_secret: { type: 'string' },
  ciphertext_recipient: { type: 'string', omitted: RECIPIENT_ONLY },
};
