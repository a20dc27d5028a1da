import type { EventRule, NotificationRecord } from '@dew/csms-domain';

const seconds = (ms: number) => Math.floor(ms / 1000);

/** The SDK's `Event` (times in int64 seconds). */
export const eventView = (r: EventRule) => ({
  name: r.name,
  event_id: r.id,
  event_types: r.eventTypes,
  state: r.state,
  create_time: seconds(r.createdAt),
  update_time: seconds(r.updatedAt),
  notification: { target_type: r.target.type, target_id: r.target.url, target_name: r.target.name },
});

/** The SDK's `Record`. */
export const recordView = (r: NotificationRecord) => ({
  event_name: r.ruleName,
  trigger_event_type: r.eventType,
  create_time: seconds(r.at),
  secret_name: r.secretName,
  secret_type: r.secretType,
  notification_target_name: r.target.name,
  notification_target_id: r.target.url,
  notification_content: r.content,
  notification_status: r.status,
});
