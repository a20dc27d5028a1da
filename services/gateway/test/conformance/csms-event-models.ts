import type { CompactSpec, ModelFields } from './model-walk.js';

/** The SDK's `Event` model (huaweicloud-sdk-nodejs-v3 `services/csms/v1/model/Event.ts`). */
const EVENT: CompactSpec = { type: 'object', fields: {
  name: 'string',
  event_id: 'string',
  event_types: { type: 'array', items: 'string' },
  state: 'string',
  create_time: 'integer',
  update_time: 'integer',
  notification: { type: 'object', fields: { target_type: 'string', target_id: 'string', target_name: 'string' } },
} };

/** The SDK's `Record` model (`Record.ts`). */
const RECORD: CompactSpec = { type: 'object', fields: {
  event_name: 'string',
  trigger_event_type: 'string',
  create_time: 'integer',
  secret_name: 'string',
  secret_type: 'string',
  notification_target_name: 'string',
  notification_target_id: 'string',
  notification_content: 'string',
  notification_status: 'string',
} };

const PAGE_INFO: CompactSpec = { type: 'object', fields: { next_marker: 'string', previous_marker: 'string', current_count: 'integer' } };

/** Response models of the secret event operations (delete-secret-event answers 204 without a body). */
export const CSMS_EVENT_MODELS: Readonly<Record<string, ModelFields>> = {
  /** CreateSecretEventResponse */
  'create-secret-event': { event: EVENT },
  /** ShowSecretEventResponse */
  'show-secret-event': { event: EVENT },
  /** UpdateSecretEventResponse */
  'update-secret-event': { event: EVENT },
  /** ListSecretEventsResponse */
  'list-secret-events': { events: { type: 'array', items: EVENT }, page_info: PAGE_INFO },
  /** ListNotificationRecordsResponse */
  'list-notification-records': { records: { type: 'array', items: RECORD }, page_info: PAGE_INFO },
};
