import type {
  CreateSecretEventReply,
  ListSecretEventsReply,
  ListSecretsByTagsReply,
  RotateSecretReply,
  SecretEventReply,
  SecretEventReplyBody,
  SecretReply,
  ShowSecretTagsReply,
} from '@dew/contracts/wire-replies';
import type { Api } from '../session';

export type SecretEvent = SecretEventReplyBody;

const v1 = '/v1/{project_id}';
const secretPath = (name: string) => `${v1}/secrets/${encodeURIComponent(name)}`;
const tagsOf = (secretId: string) => `${v1}/csms/${encodeURIComponent(secretId)}/tags`;
const eventPath = (name: string) => `${v1}/csms/events/${encodeURIComponent(name)}`;

/**
 * Guide 2.2.1's Edit (the encryption key and the description), the rotation settings and the
 * event subscription: update-secret changes only the fields it is sent.
 */
export interface SecretChanges {
  readonly kms_key_id?: string;
  readonly description?: string;
  readonly auto_rotation?: boolean;
  readonly rotation_period?: string;
  readonly event_subscriptions?: readonly string[];
}
export const updateSecret = async (api: Api, name: string, changes: SecretChanges) => (await api<SecretReply>('PUT', secretPath(name), changes)).secret;
/** A new version with a generated value now (docs/api-decisions.md, "Secret rotation"). */
export const rotateSecretNow = (api: Api, name: string) => api<RotateSecretReply>('POST', `${secretPath(name)}/rotate`);

/** Guide 2.4: a secret's tags, by its ID (at most 10). */
export const showSecretTags = async (api: Api, secretId: string) => (await api<ShowSecretTagsReply>('GET', tagsOf(secretId))).tags;
export const createSecretTag = (api: Api, secretId: string, key: string, value: string) => api('POST', tagsOf(secretId), { tag: { key, value } });
export const deleteSecretTag = (api: Api, secretId: string, key: string) => api('DELETE', `${tagsOf(secretId)}/${encodeURIComponent(key)}`);
/** Guide 2.4.2: secrets holding every tag searched for. */
export async function listSecretsByTags(api: Api, tags: ReadonlyArray<{ readonly key: string; readonly values: readonly string[] }>) {
  const found = await api<ListSecretsByTagsReply>('POST', `${v1}/csms/resource_instances/action`, { action: 'filter', limit: '1000', offset: '0', tags });
  return 'resources' in found ? found.resources : [];
}

/** Secret events: notification rules a secret subscribes to (docs/api-decisions.md, "Secret events"). */
export interface EventForm {
  readonly event_types: readonly string[];
  readonly state: 'ENABLED' | 'DISABLED';
  readonly notification: { readonly target_type: 'WEBHOOK'; readonly target_id: string; readonly target_name: string };
}
export const listSecretEvents = async (api: Api) => (await api<ListSecretEventsReply>('GET', `${v1}/csms/events?limit=50`)).events;
/** Answers the key the webhook deliveries are signed with: shown once, never again. */
export const createSecretEvent = (api: Api, name: string, form: EventForm) => api<CreateSecretEventReply>('POST', `${v1}/csms/events`, { name, ...form });
export const updateSecretEvent = async (api: Api, name: string, form: EventForm) => (await api<SecretEventReply>('PUT', eventPath(name), form)).event;
export const deleteSecretEvent = (api: Api, name: string) => api('DELETE', eventPath(name));
