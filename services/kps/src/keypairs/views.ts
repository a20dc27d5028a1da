import type { KeypairDetailReply, KeypairListItem } from '@dew/contracts';
import type { Keypair } from '@dew/kps-domain';

const seconds = (ms: number): number => Math.floor(ms / 1000);

/** `Keypair` as the list shows it (`frozen_state` is a string there: DEW never freezes). */
export function keypairListItem(k: Keypair): KeypairListItem {
  return {
    name: k.name, type: k.type, scope: k.scope, public_key: k.publicKey, fingerprint: k.fingerprint,
    is_key_protection: k.privateKey !== null, frozen_state: '0',
  };
}

/** `KeypairDetail` (times in int64 seconds). */
export function keypairDetail(k: Keypair, boundServers: number): KeypairDetailReply {
  return {
    name: k.name, id: k.id, type: k.type, scope: k.scope, public_key: k.publicKey, fingerprint: k.fingerprint,
    fingerprint_sha256: k.fingerprintSha256, is_key_protection: k.privateKey !== null, deleted: false,
    description: k.description, user_id: k.userId, create_time: seconds(k.createdAt), delete_time: null,
    update_time: seconds(k.updatedAt), frozen_state: 0, key_id: k.privateKey?.kmsKeyId ?? '', algorithm: k.algorithm,
    bound_servers: boundServers,
  };
}
