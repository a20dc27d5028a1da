import { routeBuilder } from './http-route.js';
import type { RouteSpec } from './route.js';

const csms = routeBuilder('csms', 'csms', '/v1/:project_id', true);
const S = 'csms:secret';
const T = 'csms:secretTag';

/** CSMS routes with their IAM actions (unpublished ones named after their neighbours: docs/api-decisions.md, "Action names"). */
export const csmsRoutes: readonly RouteSpec[] = [
  csms('POST', 'secrets', 'create-secret', `${S}:create`),
  csms('GET', 'secrets', 'list-secrets', `${S}:list`),
  csms('POST', 'secrets/restore', 'restore-secret', `${S}:create`),
  csms('POST', 'secrets/batch-import', 'batch-import-secrets', `${S}:create`),
  csms('GET', 'secrets/:secret_name', 'show-secret', `${S}:get`),
  csms('PUT', 'secrets/:secret_name', 'update-secret', `${S}:update`),
  csms('DELETE', 'secrets/:secret_name', 'delete-secret', `${S}:delete`, { successStatus: 204 }),
  csms('POST', 'secrets/:secret_name/scheduled-deleted-tasks/create', 'schedule-secret-deletion', `${S}:scheduleDeletion`),
  csms('POST', 'secrets/:secret_name/scheduled-deleted-tasks/cancel', 'cancel-secret-deletion', `${S}:restoreSecret`),
  csms('POST', 'secrets/:secret_name/versions', 'create-secret-version', `${S}:createVersion`),
  csms('GET', 'secrets/:secret_name/versions', 'list-secret-versions', `${S}:listVersion`),
  csms('GET', 'secrets/:secret_name/versions/:version_id', 'show-secret-version', `${S}:getVersion`),
  csms('PUT', 'secrets/:secret_name/versions/:version_id', 'update-secret-version', `${S}:updateVersion`),
  csms('GET', 'secrets/:secret_name/stages/:stage_name', 'show-secret-stage', `${S}:getStage`),
  csms('PUT', 'secrets/:secret_name/stages/:stage_name', 'update-secret-stage', `${S}:updateStage`),
  csms('DELETE', 'secrets/:secret_name/stages/:stage_name', 'delete-secret-stage', `${S}:deleteStage`, { successStatus: 204 }),
  csms('POST', 'secrets/:secret_name/rotate', 'rotate-secret', `${S}:rotate`),
  csms('POST', 'secrets/:secret_name/backup', 'backup-secret', `${S}:get`),
  csms('GET', 'csms/:secret_id/tags', 'show-secret-tags', `${T}:list`),
  csms('POST', 'csms/:secret_id/tags', 'create-secret-tag', `${T}:create`, { successStatus: 204 }),
  csms('DELETE', 'csms/:secret_id/tags/:tag_key', 'delete-secret-tag', `${T}:delete`, { successStatus: 204 }),
  csms('POST', 'csms/:secret_id/tags/action', 'batch-secret-tags', `${T}:batch`, { successStatus: 204 }),
  csms('GET', 'csms/tags', 'list-project-secret-tags', `${T}:list`),
  csms('POST', 'csms/resource_instances/action', 'list-secrets-by-tags', `${T}:listInstance`),
  csms('POST', 'csms/events', 'create-secret-event', 'csms:event:create'),
  csms('GET', 'csms/events', 'list-secret-events', 'csms:event:list'),
  csms('GET', 'csms/events/:event_name', 'show-secret-event', 'csms:event:get'),
  csms('PUT', 'csms/events/:event_name', 'update-secret-event', 'csms:event:update'),
  csms('DELETE', 'csms/events/:event_name', 'delete-secret-event', 'csms:event:delete', { successStatus: 204 }),
  csms('GET', 'csms/notification-records', 'list-notification-records', 'csms:event:list'),
  csms('GET', 'csms/tasks', 'list-rotation-tasks', 'csms:task:list'),
  csms('POST', 'csms/generate-password', 'generate-password', 'csms:secret:generatePassword'),
];
