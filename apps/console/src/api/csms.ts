import type { ListSecretsReply, ListSecretVersionsReply, SecretReply, SecretReplyBody, VersionMetadataReply, VersionMetadataReplyBody } from '@dew/contracts/wire-replies';
import type { Api } from '../session';

export type Secret = SecretReplyBody;
export type SecretVersion = VersionMetadataReplyBody;

const secrets = '/v1/{project_id}/secrets';
const secretPath = (name: string) => `${secrets}/${encodeURIComponent(name)}`;

export const listSecrets = (api: Api, marker?: string) => api<ListSecretsReply>('GET', `${secrets}?limit=50${marker ? `&marker=${encodeURIComponent(marker)}` : ''}`);
export const showSecret = async (api: Api, name: string) => (await api<SecretReply>('GET', secretPath(name))).secret;
export const createSecret = async (api: Api, req: { name: string; secret_string: string; description: string; kms_key_id?: string }) =>
  (await api<SecretReply>('POST', secrets, req)).secret;
export const listVersions = async (api: Api, name: string) => (await api<ListSecretVersionsReply>('GET', `${secretPath(name)}/versions`)).version_metadatas;
export const addVersion = async (api: Api, name: string, value: string) =>
  (await api<VersionMetadataReply>('POST', `${secretPath(name)}/versions`, { secret_string: value })).version_metadata;
