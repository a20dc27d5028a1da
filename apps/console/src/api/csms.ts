import type { Api } from '../session';

/** The fields of CSMS's Secret the console shows (times in seconds). */
export interface Secret {
  readonly id: string;
  readonly name: string;
  readonly state: string;
  readonly kms_key_id: string;
  readonly description: string;
  readonly create_time: number | null;
  readonly update_time: number | null;
  readonly scheduled_delete_time: number | null;
  readonly secret_type: string;
}

export interface SecretVersion {
  readonly id: string;
  readonly create_time: number | null;
  readonly kms_key_id: string;
  readonly version_stages: readonly string[];
}

interface PageInfo {
  readonly next_marker: string | null;
}

const secrets = '/v1/{project_id}/secrets';
const secretPath = (name: string) => `${secrets}/${encodeURIComponent(name)}`;

export const listSecrets = (api: Api, marker?: string) =>
  api<{ secrets: readonly Secret[]; page_info: PageInfo }>('GET', `${secrets}?limit=50${marker ? `&marker=${encodeURIComponent(marker)}` : ''}`);
export const showSecret = async (api: Api, name: string) => (await api<{ secret: Secret }>('GET', secretPath(name))).secret;
export const createSecret = async (api: Api, req: { name: string; secret_string: string; description: string; kms_key_id?: string }) =>
  (await api<{ secret: Secret }>('POST', secrets, req)).secret;
export const listVersions = async (api: Api, name: string) =>
  (await api<{ version_metadatas: readonly SecretVersion[] }>('GET', `${secretPath(name)}/versions`)).version_metadatas;
export const addVersion = async (api: Api, name: string, value: string) =>
  (await api<{ version_metadata: SecretVersion }>('POST', `${secretPath(name)}/versions`, { secret_string: value })).version_metadata;
