import type { SecretPageInfo } from './replies.js';

/** The SDK's `Notification` model. */
export interface SecretEventTargetReplyBody {
  readonly target_type: string;
  readonly target_id: string;
  readonly target_name: string;
}

/** The SDK's `Event` model (times in int64 seconds). */
export interface SecretEventReplyBody {
  readonly name: string;
  readonly event_id: string;
  readonly event_types: readonly string[];
  readonly state: string;
  readonly create_time: number;
  readonly update_time: number;
  readonly notification: SecretEventTargetReplyBody;
}

/** show-secret-event, update-secret-event. */
export interface SecretEventReply {
  readonly event: SecretEventReplyBody;
}

/**
 * create-secret-event: the event, and once only the key its webhook deliveries are signed with
 * (`signing_key`, a DEW field beside the SDK's; docs/api-decisions.md, "Secret events").
 */
export interface CreateSecretEventReply extends SecretEventReply {
  readonly signing_key: string;
}

export interface ListSecretEventsReply {
  readonly events: readonly SecretEventReplyBody[];
  readonly page_info: SecretPageInfo;
}

/** The SDK's `Record` model. */
export interface NotificationRecordReplyBody {
  readonly event_name: string;
  readonly trigger_event_type: string;
  readonly create_time: number;
  readonly secret_name: string;
  readonly secret_type: string;
  readonly notification_target_name: string;
  readonly notification_target_id: string;
  readonly notification_content: string;
  readonly notification_status: string;
}

export interface ListNotificationRecordsReply {
  readonly records: readonly NotificationRecordReplyBody[];
  readonly page_info: SecretPageInfo;
}
