import type {
  BackupSecretReply,
  ListSecretsReply,
  ListSecretVersionsReply,
  SecretReply,
  SecretReplyBody,
  SecretStageReply,
  ShowSecretVersionReply,
  VersionMetadataReply,
  VersionMetadataReplyBody,
} from '@dew/contracts/wire-replies';
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

/** A version's value, read only when the user asks (guide 2.3.1 step 8); the caller keeps it nowhere. */
export async function readVersionValue(api: Api, name: string, versionId: string): Promise<{ readonly text: string; readonly binary: boolean }> {
  const { version } = await api<ShowSecretVersionReply>('GET', `${secretPath(name)}/versions/${encodeURIComponent(versionId)}`);
  return 'secret_string' in version ? { text: version.secret_string, binary: false } : { text: version.secret_binary, binary: true };
}
/** Puts a stage on a version: adds it, or moves it from the version that held it (guide 2.3.2). */
export const putStage = async (api: Api, name: string, stage: string, versionId: string) =>
  (await api<SecretStageReply>('PUT', `${secretPath(name)}/stages/${encodeURIComponent(stage)}`, { version_id: versionId })).stage;
export const deleteStage = (api: Api, name: string, stage: string) => api('DELETE', `${secretPath(name)}/stages/${encodeURIComponent(stage)}`);
export const scheduleSecretDeletion = async (api: Api, name: string, days: number) =>
  (await api<SecretReply>('POST', `${secretPath(name)}/scheduled-deleted-tasks/create`, { recovery_window_in_days: days })).secret;
export const cancelSecretDeletion = async (api: Api, name: string) => (await api<SecretReply>('POST', `${secretPath(name)}/scheduled-deleted-tasks/cancel`)).secret;
export const deleteSecretNow = (api: Api, name: string) => api('DELETE', secretPath(name));
export const backupSecret = async (api: Api, name: string) => (await api<BackupSecretReply>('POST', `${secretPath(name)}/backup`)).secret_blob;
export const restoreSecret = async (api: Api, blob: string) => (await api<SecretReply>('POST', `${secrets}/restore`, { secret_blob: blob })).secret;
