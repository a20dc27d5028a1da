import { operationsOf, type HttpMethod, type OperationOptions } from './operation.js';

const op = operationsOf('kps', 'kps', 'kps', true);
const K = 'kps:domainKeypairs';
/** The batch calls take a JSON array (docs/api-decisions.md, "JSON array bodies"). */
const BATCH = { flags: { arrayBody: { maxItems: 100 } } } as const;
const NO_CONTENT = { status: 204 } as const;

function kps(method: HttpMethod, path: string, name: string, action: string, o: Omit<OperationOptions<object>, 'http' | 'permission'> & { status?: 204 } = {}) {
  const { status, ...rest } = o;
  return op(name, {
    notServedYet: true,
    ...rest,
    http: { method, paths: [`/v3/:project_id/${path}`], ...(status ? { successStatus: status } : {}) },
    permission: { action, resource: action.startsWith('kps:tasks') ? 'task' : 'keypair' },
  });
}

/** KPS operations (task actions named after their neighbours: docs/api-decisions.md, "Action names"). No service answers them yet (503). */
export const kpsOperations = {
  createKeypair: kps('POST', 'keypairs', 'create-keypair', `${K}:create`),
  batchImportKeypairs: kps('POST', 'keypairs/batch-import', 'batch-import-keypairs', `${K}:create`, BATCH),
  listKeypairs: kps('GET', 'keypairs', 'list-keypairs', `${K}:list`),
  showKeypair: kps('GET', 'keypairs/:keypair_name', 'show-keypair', `${K}:get`),
  updateKeypair: kps('PUT', 'keypairs/:keypair_name', 'update-keypair', `${K}:update`, NO_CONTENT),
  deleteKeypair: kps('DELETE', 'keypairs/:keypair_name', 'delete-keypair', `${K}:delete`, NO_CONTENT),
  importPrivateKey: kps('POST', 'keypairs/private-key/import', 'import-private-key', `${K}:importpk`),
  exportPrivateKey: kps('POST', 'keypairs/private-key/export', 'export-private-key', `${K}:exportpk`),
  batchExportPrivateKeys: kps('POST', 'keypairs/private-key/batch-export', 'batch-export-private-keys', `${K}:exportpk`, BATCH),
  clearPrivateKey: kps('DELETE', 'keypairs/:keypair_name/private-key', 'clear-private-key', `${K}:clearpk`, NO_CONTENT),
  associateKeypair: kps('POST', 'keypairs/associate', 'associate-keypair', `${K}:bind`),
  batchAssociateKeypair: kps('POST', 'keypairs/batch-associate', 'batch-associate-keypair', `${K}:bind`),
  disassociateKeypair: kps('POST', 'keypairs/disassociate', 'disassociate-keypair', `${K}:unbind`),
  showTask: kps('GET', 'tasks/:task_id', 'show-task', 'kps:tasks:get'),
  listRunningTasks: kps('GET', 'running-tasks', 'list-running-tasks', 'kps:tasks:list'),
  listFailedTasks: kps('GET', 'failed-tasks', 'list-failed-tasks', 'kps:tasks:list'),
  deleteAllFailedTasks: kps('DELETE', 'failed-tasks', 'delete-all-failed-tasks', 'kps:tasks:delete', NO_CONTENT),
  deleteFailedTask: kps('DELETE', 'failed-tasks/:task_id', 'delete-failed-task', 'kps:tasks:delete', NO_CONTENT),
} as const;
