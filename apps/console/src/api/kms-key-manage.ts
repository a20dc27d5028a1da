import type { KeyPolicyView, ListKmsByTagsReply, ListKmsTagsReply } from '@dew/contracts/wire-replies';
import type { Api } from '../session';
import { ApiError } from './errors';
import { kms } from './kms';

export type { KeyPolicyView };

/** Key details' Edit (the alias and the description are two calls, as in Huawei's API). */
export const updateKeyAlias = (api: Api, keyId: string, alias: string) => api('POST', kms('update-key-alias'), { key_id: keyId, key_alias: alias });
export const updateKeyDescription = (api: Api, keyId: string, description: string) => api('POST', kms('update-key-description'), { key_id: keyId, key_description: description });

/** Guide 1.4.6, Add to Project: `0` is the default enterprise project (docs/api-decisions.md, "Extensions"). */
export const updateKeyEnterpriseProject = (api: Api, keyId: string, enterpriseProjectId: string) =>
  api('POST', kms('update-key-enterprise-project'), { key_id: keyId, enterprise_project_id: enterpriseProjectId });

/** Guide 1.3.3: the key goes back to Pending import. */
export const deleteImportedKeyMaterial = (api: Api, keyId: string) => api('POST', kms('delete-imported-key-material'), { key_id: keyId });

/** New material now, outside the rotation schedule. */
export const rotateKeyNow = (api: Api, keyId: string) => api('POST', kms('rotate-on-demand'), { key_id: keyId });

/** The key's policy (docs/api-decisions.md, "Key policies"); null when it has none (KMS.2803). */
export async function showKeyPolicy(api: Api, keyId: string): Promise<KeyPolicyView | null> {
  try {
    return await api<KeyPolicyView>('POST', kms('show-key-policy'), { key_id: keyId });
  } catch (e) {
    if (e instanceof ApiError && e.code === 'KMS.2803') return null;
    throw e;
  }
}
export const putKeyPolicy = (api: Api, keyId: string, policy: string, exists: boolean) =>
  api('POST', kms(exists ? 'update-key-policy' : 'create-key-policy'), { key_id: keyId, policy });
export const deleteKeyPolicy = (api: Api, keyId: string) => api('POST', kms('delete-key-policy'), { key_id: keyId });

/** Guide 1.6.2: keys holding every tag of the search (each tag key with any of its values). */
export const listKeysByTags = async (api: Api, tags: ReadonlyArray<{ readonly key: string; readonly values: readonly string[] }>) =>
  (await api<ListKmsByTagsReply>('POST', kms('resource_instances/action'), { action: 'filter', limit: '1000', offset: '0', tags })).resources ?? [];
/** The project's tag keys and values, offered in the search box. */
export const listKeyProjectTags = async (api: Api) => (await api<ListKmsTagsReply>('GET', kms('tags'))).tags;
