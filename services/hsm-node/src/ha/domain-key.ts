import { pkcs11 } from '../token/pkcs11.js';
import type { Pkcs11Token } from '../token/pkcs11-token.js';
import { ecPoint } from '../token/key-transfer.js';
import { deriveWrappingKey } from '../token/ecdh.js';
import type { NodeId, StateStore } from '@dew/hsm-control';
import { peerOf } from './peer.js';

export const EXCHANGE_KEY_ID = Buffer.from('dew.exchange').toString('hex');
export const DOMAIN_KEY_ID = Buffer.from('dew.domain-key').toString('hex');

/**
 * Establishes the instance's domain key in this node's token (docs/hsm-appliance.md "Domain key"): each
 * node keeps a P-256 exchange key pair in its token and publishes the public point; both derive
 * the same AES-256 key by ECDH. Only public points travel; the domain key never leaves a token.
 */
export async function establishDomainKey(token: Pkcs11Token, state: StateStore, nodeId: NodeId, signal: AbortSignal): Promise<void> {
  if (token.find(EXCHANGE_KEY_ID) === undefined) {
    token.generate('EC_P256', Buffer.from(EXCHANGE_KEY_ID, 'hex'), 'dew node exchange key', [{ type: pkcs11.CKA_DERIVE, value: true }]);
  }
  await state.put(`exchange.${nodeId}`, ecPoint(token, EXCHANGE_KEY_ID).toString('base64'));
  if (token.handle(DOMAIN_KEY_ID, pkcs11.CKO_SECRET_KEY) !== undefined) return;
  const peerPoint = Buffer.from(await state.waitFor(`exchange.${peerOf(nodeId)}`, 200, signal), 'base64');
  deriveWrappingKey(token, EXCHANGE_KEY_ID, peerPoint, Buffer.from(DOMAIN_KEY_ID, 'hex'), 'dew instance domain key');
}
