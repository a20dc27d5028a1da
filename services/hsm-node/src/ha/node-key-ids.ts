// CKA_IDs of the node's own objects: never 16 bytes long, so no application key id (16 bytes)
// can name them. The instance CA's is in pki/instance-ca.ts.

/** In the system token: the exchange key pair of the system domain key, published as `exchange.<node>`. */
export const EXCHANGE_KEY_ID = Buffer.from('dew.exchange').toString('hex');
/** In the system token too: the exchange key pair of the application domain key, published as `exchange-app.<node>`. */
export const APP_EXCHANGE_KEY_ID = Buffer.from('dew.exchange-app').toString('hex');
/** Each token's domain key carries this id. */
export const DOMAIN_KEY_ID = Buffer.from('dew.domain-key').toString('hex');
/** In the system token too: the exchange key pair of the KMS token's domain key, published as `exchange-kms.<node>`. */
export const KMS_EXCHANGE_KEY_ID = Buffer.from('dew.exchange-kms').toString('hex');
