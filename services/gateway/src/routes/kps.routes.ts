import { routeBuilder } from './http-route.js';
import type { RouteSpec } from './route.js';

const kps = routeBuilder('kps', 'kps', '/v3/:project_id', true);
const K = 'kps:domainKeypairs';
/** The batch calls take a JSON array (docs/api-decisions.md, "JSON array bodies"). */
const BATCH = { arrayBody: { maxItems: 100 } } as const;

/** KPS routes with their IAM actions (task actions named after their neighbours: docs/api-decisions.md, "Action names"). */
export const kpsRoutes: readonly RouteSpec[] = [
  kps('POST', 'keypairs', 'create-keypair', `${K}:create`),
  kps('POST', 'keypairs/batch-import', 'batch-import-keypairs', `${K}:create`, BATCH),
  kps('GET', 'keypairs', 'list-keypairs', `${K}:list`),
  kps('GET', 'keypairs/:keypair_name', 'show-keypair', `${K}:get`),
  kps('PUT', 'keypairs/:keypair_name', 'update-keypair', `${K}:update`, { successStatus: 204 }),
  kps('DELETE', 'keypairs/:keypair_name', 'delete-keypair', `${K}:delete`, { successStatus: 204 }),
  kps('POST', 'keypairs/private-key/import', 'import-private-key', `${K}:importpk`),
  kps('POST', 'keypairs/private-key/export', 'export-private-key', `${K}:exportpk`),
  kps('POST', 'keypairs/private-key/batch-export', 'batch-export-private-keys', `${K}:exportpk`, BATCH),
  kps('DELETE', 'keypairs/:keypair_name/private-key', 'clear-private-key', `${K}:clearpk`, { successStatus: 204 }),
  kps('POST', 'keypairs/associate', 'associate-keypair', `${K}:bind`),
  kps('POST', 'keypairs/batch-associate', 'batch-associate-keypair', `${K}:bind`),
  kps('POST', 'keypairs/disassociate', 'disassociate-keypair', `${K}:unbind`),
  kps('GET', 'tasks/:task_id', 'show-task', 'kps:tasks:get'),
  kps('GET', 'running-tasks', 'list-running-tasks', 'kps:tasks:list'),
  kps('GET', 'failed-tasks', 'list-failed-tasks', 'kps:tasks:list'),
  kps('DELETE', 'failed-tasks', 'delete-all-failed-tasks', 'kps:tasks:delete', { successStatus: 204 }),
  kps('DELETE', 'failed-tasks/:task_id', 'delete-failed-task', 'kps:tasks:delete', { successStatus: 204 }),
];
