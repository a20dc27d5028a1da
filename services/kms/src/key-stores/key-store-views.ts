import type { KeystoreDetails, KeyStoreStateReply } from '@dew/contracts';
import { decide, liveKeyStore, type EnableKeyStore, type DisableKeyStore, type Keyring, type KeyStore } from '@dew/kms-domain';
import type { RequestContext } from '@dew/messaging';
import type { Keyrings } from '../keys/keyrings.js';

/** KeystoreDetails of one store: `keystore_type` "1" is a Dedicated HSM instance (Huawei's create-key-store `keystore_type`). */
export function toKeystoreDetails(s: KeyStore): KeystoreDetails {
  return {
    keystore_id: s.keystoreId,
    domain_id: s.domainId,
    keystore_alias: s.alias,
    keystore_type: '1',
    hsm_cluster_id: s.hsmClusterId,
    create_time: String(s.createdAt),
  };
}

/** KeyStoreStateInfo of the store as the decision left it. */
export function keyStoreStateIn(state: Keyring, keystoreId: string): KeyStoreStateReply {
  const s = liveKeyStore(state, keystoreId);
  return { keystore: { keystore_id: s.keystoreId, keystore_state: s.state } };
}

/** enable-key-store and disable-key-store: the command, then the state it left. */
export async function changeKeyStoreState(keyrings: Keyrings, ctx: RequestContext, command: EnableKeyStore | DisableKeyStore): Promise<KeyStoreStateReply> {
  const { state } = await keyrings.execute(ctx, (s) => decide(s, command));
  return keyStoreStateIn(state, command.keystoreId);
}
