import type * as P11 from 'pkcs11js';
import type { NodeId, StateStore } from '@dew/hsm-control';
import { pkcs11 } from '../token/pkcs11.js';
import type { Pkcs11Token } from '../token/pkcs11-token.js';
import { APP_TOKEN_LABEL, KMS_TOKEN_LABEL, type NodeTokens } from '../token/node-tokens.js';
import { ecPoint } from '../token/key-transfer.js';
import { deriveAesKey } from '../token/ecdh.js';
import { common, WRAP_ONLY } from '../token/key-templates.js';
import type { Report } from '../report.js';
import { CarriedDomainKey } from './carried-domain-key.js';
import { APP_EXCHANGE_KEY_ID, DOMAIN_KEY_ID, EXCHANGE_KEY_ID, KMS_EXCHANGE_KEY_ID } from './node-key-ids.js';
import { peerOf } from './peer.js';

/** A token's domain key as its users need it: a handle valid now. */
export type DomainKey = () => P11.Handle;

export interface DomainKeys {
  /** Wraps the node's keys (the instance CA) for the mirror. */
  readonly system: DomainKey;
  /** Wraps application keys for the mirror and for backups. */
  readonly app: DomainKey;
  /** Wraps KMS's key-store keys for the mirror. */
  readonly kms: DomainKey;
}

/**
 * Establishes the instance's three domain keys in this node's tokens (docs/hsm-appliance.md "Domain
 * keys"): three P-256 exchange key pairs in the system token, their public points published; each
 * domain key is derived by ECDH with the peer's point, so both nodes hold the same three keys while
 * only public points travel.
 */
export async function establishDomainKeys(tokens: NodeTokens, state: StateStore, nodeId: NodeId, signal: AbortSignal, report: Report): Promise<DomainKeys> {
  const { system } = tokens;
  await state.put(`exchange.${nodeId}`, exchangePoint(system, EXCHANGE_KEY_ID, 'dew node exchange key'));
  await state.put(`exchange-app.${nodeId}`, exchangePoint(system, APP_EXCHANGE_KEY_ID, 'dew node exchange key (application domain key)'));
  await state.put(`exchange-kms.${nodeId}`, exchangePoint(system, KMS_EXCHANGE_KEY_ID, 'dew node exchange key (KMS domain key)'));
  const peerPoint = async (name: string) => Buffer.from(await state.waitFor(`${name}.${peerOf(nodeId)}`, 200, signal), 'base64');
  if (system.handle(DOMAIN_KEY_ID, pkcs11.CKO_SECRET_KEY) === undefined) {
    const id = Buffer.from(DOMAIN_KEY_ID, 'hex');
    deriveAesKey(system, system.requireHandle(EXCHANGE_KEY_ID, pkcs11.CKO_PRIVATE_KEY), await peerPoint('exchange'), [...common(id, 'dew instance domain key (system)'), ...WRAP_ONLY]);
  }
  const app = new CarriedDomainKey({
    system, target: tokens.app, targetLabel: APP_TOKEN_LABEL, exchangeKeyId: APP_EXCHANGE_KEY_ID, peerPoint: await peerPoint('exchange-app'), keyLabel: 'dew instance domain key', report,
  });
  const kms = new CarriedDomainKey({
    system, target: tokens.kms, targetLabel: KMS_TOKEN_LABEL, exchangeKeyId: KMS_EXCHANGE_KEY_ID, peerPoint: await peerPoint('exchange-kms'), keyLabel: 'dew instance domain key (KMS)', report,
  });
  return { system: () => system.requireHandle(DOMAIN_KEY_ID, pkcs11.CKO_SECRET_KEY), app: () => app.handle(), kms: () => kms.handle() };
}

/** The public point of an exchange key pair of the token (made on first use), base64. */
function exchangePoint(t: Pkcs11Token, id: string, label: string): string {
  if (t.find(id) === undefined) t.generate('EC_P256', Buffer.from(id, 'hex'), label, [{ type: pkcs11.CKA_DERIVE, value: true }]);
  return ecPoint(t, id).toString('base64');
}
