import { HsmInstanceUnusable } from '@dew/contracts';
import type { HsmKeyStorePort, KeyStoreBinding } from './hsm-key-store.port.js';

/**
 * The port until the adapter that talks to instances through the HSM client SDK is wired in
 * (branch hsmaccess): every call is refused with KMS.2908, never a 5xx.
 */
export class UnwiredHsmKeyStore implements HsmKeyStorePort {
  enroll = (b: KeyStoreBinding) => refuse(b);
  generateKey = (b: KeyStoreBinding) => refuse(b);
  encrypt = (b: KeyStoreBinding) => refuse(b);
  decrypt = (b: KeyStoreBinding) => refuse(b);
  sign = (b: KeyStoreBinding) => refuse(b);
  verify = (b: KeyStoreBinding) => refuse(b);
  destroyKey = (b: KeyStoreBinding) => refuse(b);
}

function refuse(b: KeyStoreBinding): Promise<never> {
  return Promise.reject(HsmInstanceUnusable(b.hsmClusterId, 'cannot be reached: this DEW has no HSM access adapter for key stores'));
}
