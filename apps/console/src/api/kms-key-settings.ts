import type { CreateGrantReply, GrantDetails, KeyRotationStatusReply, ListGrantsReply, ShowKmsTagsReply } from '@dew/contracts/wire-replies';
import type { Api } from '../session';
import { kms } from './kms';

export type { GrantDetails, KeyRotationStatusReply };

const tagsOf = (keyId: string) => kms(`${encodeURIComponent(keyId)}/tags`);

/** Guide 1.6: a key's tags (at most 20; one value per tag key). */
export const showKeyTags = async (api: Api, keyId: string) => (await api<ShowKmsTagsReply>('GET', tagsOf(keyId))).tags;
/** Adds the tag, or replaces the value of a tag key the key already has (the guide's Edit). */
export const createKeyTag = (api: Api, keyId: string, key: string, value: string) => api('POST', tagsOf(keyId), { tag: { key, value } });
export const deleteKeyTag = (api: Api, keyId: string, tagKey: string) => api('DELETE', `${tagsOf(keyId)}/${encodeURIComponent(tagKey)}`);

/** Guide 1.7: rotation policy and the key's materials (its rotation history). */
export const getKeyRotationStatus = (api: Api, keyId: string) => api<KeyRotationStatusReply>('POST', kms('get-key-rotation-status'), { key_id: keyId });
export const enableKeyRotation = (api: Api, keyId: string) => api('POST', kms('enable-key-rotation'), { key_id: keyId });
export const disableKeyRotation = (api: Api, keyId: string) => api('POST', kms('disable-key-rotation'), { key_id: keyId });
export const updateKeyRotationInterval = (api: Api, keyId: string, days: number) => api('POST', kms('update-key-rotation-interval'), { key_id: keyId, rotation_interval: days });

/** Guide 1.8: grants on one key. */
export const listGrants = (api: Api, keyId: string, marker?: string) =>
  api<ListGrantsReply>('POST', kms('list-grants'), { key_id: keyId, limit: '50', ...(marker ? { marker } : {}) });

export interface NewGrant {
  readonly granteePrincipalType: 'user' | 'domain';
  readonly granteePrincipal: string;
  readonly operations: readonly string[];
  readonly retiringPrincipal?: string;
}

export const createGrant = async (api: Api, keyId: string, g: NewGrant) =>
  (
    await api<CreateGrantReply>('POST', kms('create-grant'), {
      key_id: keyId,
      grantee_principal: g.granteePrincipal,
      grantee_principal_type: g.granteePrincipalType,
      operations: g.operations,
      ...(g.retiringPrincipal ? { retiring_principal: g.retiringPrincipal } : {}),
    })
  ).grant_id;
export const revokeGrant = (api: Api, keyId: string, grantId: string) => api('POST', kms('revoke-grant'), { key_id: keyId, grant_id: grantId });
export const retireGrant = (api: Api, keyId: string, grantId: string) => api('POST', kms('retire-grant'), { key_id: keyId, grant_id: grantId });
