import { KeyDependentsRequest } from '../csms/requests.js';
import type {
  BatchAssociateKeypairReply, BatchImportKeypairsReply, CreateKeypairReply, ExportPrivateKeyReply, ImportPrivateKeyReply, ListFailedTasksReply,
  ListKeypairsReply, ListRunningTasksReply, ShowKeypairReply, ShowTaskReply, TaskAcceptedReply,
} from '../kps/replies.js';
import {
  AssociateKeypairRequest, BatchAssociateKeypairRequest, BatchExportPrivateKeysRequest, BatchImportKeypairsRequest, CreateKeypairRequest,
  DisassociateKeypairRequest, ExportPrivateKeyRequest, ImportPrivateKeyRequest, KeypairNameRequest, ListKeypairsRequest, ListTasksRequest,
  TaskIdRequest, UpdateKeypairRequest,
} from '../kps/requests.js';
import {
  CreateServerRequest, ListServersRequest, ServerIdRequest, UpdateServerRequest, WindowsPasswordRequest,
  type ListServersReply, type ServerReply, type WindowsPasswordReply,
} from '../kps/server-requests.js';
import type { KeyDependentsReply } from './bus-replies.js';
import { operationsOf, stateChange, type HttpMethod, type OperationOptions, type ResourceKind } from './operation.js';

const op = operationsOf('kps', 'kps', 'kps', true);
const K = 'kps:domainKeypairs';
const SRV = 'kps:servers';
/** The batch calls take a JSON array (docs/api-decisions.md, "JSON array bodies"). */
const BATCH = { flags: { arrayBody: { maxItems: 100 } } } as const;
const NO_CONTENT = { status: 204 } as const;
type NoBody = Record<string, never>;

function resourceOf(action: string): ResourceKind {
  if (action.startsWith('kps:tasks')) return 'task';
  return action.startsWith(SRV) ? 'server' : 'keypair';
}

/** A KPS operation at `/v3/{project_id}/<path>`. */
function kps<Req extends object = object, Rep = unknown>(method: HttpMethod, path: string, name: string, action: string, o: Omit<OperationOptions<Req>, 'http' | 'permission'> & { status?: 204 } = {}) {
  const { status, ...rest } = o;
  return op<Req, Rep>(name, {
    ...rest,
    http: { method, paths: [`/v3/:project_id/${path}`], ...(status ? { successStatus: status } : {}) },
    permission: { action, resource: resourceOf(action) },
  });
}

const keypairChange = (name: string, ...events: string[]) => stateChange('keypair', name, ...events);
const serverChange = (name: string, ...events: string[]) => stateChange('server', name, ...events);
const CREATE = keypairChange('createOrImportKeypair', 'KeypairCreated', 'KeypairImported');
const BIND = keypairChange('associateKeypair', 'BindTaskStarted');
/** Exports return a private key: an audited read, as a secret value's read. */
const EXPORT = { trace: { name: 'exportPrivateKey', resourceType: 'keypair' }, flags: { auditedRead: true } } as const;

/**
 * KPS operations (guide table 5-1 trace names; task and server actions named after their
 * neighbours: docs/api-decisions.md, "Action names"; the server inventory is DEW's own:
 * docs/api-decisions.md, "Servers").
 */
export const kpsOperations = {
  createKeypair: kps<CreateKeypairRequest, CreateKeypairReply>('POST', 'keypairs', 'create-keypair', `${K}:create`, { dto: CreateKeypairRequest, ...CREATE }),
  batchImportKeypairs: kps<BatchImportKeypairsRequest, BatchImportKeypairsReply>('POST', 'keypairs/batch-import', 'batch-import-keypairs', `${K}:create`, { dto: BatchImportKeypairsRequest, ...CREATE, ...BATCH, flags: { ...CREATE.flags, ...BATCH.flags } }),
  listKeypairs: kps<ListKeypairsRequest, ListKeypairsReply>('GET', 'keypairs', 'list-keypairs', `${K}:list`, { dto: ListKeypairsRequest }),
  showKeypair: kps<KeypairNameRequest, ShowKeypairReply>('GET', 'keypairs/:keypair_name', 'show-keypair', `${K}:get`, { dto: KeypairNameRequest }),
  updateKeypair: kps<UpdateKeypairRequest, NoBody>('PUT', 'keypairs/:keypair_name', 'update-keypair', `${K}:update`, {
    dto: UpdateKeypairRequest, ...NO_CONTENT, ...keypairChange('updateKeypairDescription', 'KeypairDescriptionUpdated', 'KeypairScopeUpgraded'),
  }),
  deleteKeypair: kps<KeypairNameRequest, NoBody>('DELETE', 'keypairs/:keypair_name', 'delete-keypair', `${K}:delete`, { dto: KeypairNameRequest, ...NO_CONTENT, ...keypairChange('deleteKeypair', 'KeypairDeleted') }),
  importPrivateKey: kps<ImportPrivateKeyRequest, ImportPrivateKeyReply>('POST', 'keypairs/private-key/import', 'import-private-key', `${K}:importpk`, { dto: ImportPrivateKeyRequest, ...keypairChange('importPrivateKey', 'PrivateKeyImported') }),
  exportPrivateKey: kps<ExportPrivateKeyRequest, ExportPrivateKeyReply>('POST', 'keypairs/private-key/export', 'export-private-key', `${K}:exportpk`, { dto: ExportPrivateKeyRequest, ...EXPORT }),
  batchExportPrivateKeys: kps<BatchExportPrivateKeysRequest, readonly ExportPrivateKeyReply[]>('POST', 'keypairs/private-key/batch-export', 'batch-export-private-keys', `${K}:exportpk`, { dto: BatchExportPrivateKeysRequest, ...EXPORT, flags: { ...EXPORT.flags, ...BATCH.flags } }),
  clearPrivateKey: kps<KeypairNameRequest, NoBody>('DELETE', 'keypairs/:keypair_name/private-key', 'clear-private-key', `${K}:clearpk`, { dto: KeypairNameRequest, ...NO_CONTENT, ...keypairChange('clearPrivateKey', 'PrivateKeyCleared') }),
  associateKeypair: kps<AssociateKeypairRequest, TaskAcceptedReply>('POST', 'keypairs/associate', 'associate-keypair', `${K}:bind`, { dto: AssociateKeypairRequest, ...BIND }),
  batchAssociateKeypair: kps<BatchAssociateKeypairRequest, BatchAssociateKeypairReply>('POST', 'keypairs/batch-associate', 'batch-associate-keypair', `${K}:bind`, { dto: BatchAssociateKeypairRequest, ...BIND }),
  disassociateKeypair: kps<DisassociateKeypairRequest, TaskAcceptedReply>('POST', 'keypairs/disassociate', 'disassociate-keypair', `${K}:unbind`, { dto: DisassociateKeypairRequest, ...keypairChange('disassociateKeypair', 'UnbindTaskStarted') }),
  showTask: kps<TaskIdRequest, ShowTaskReply>('GET', 'tasks/:task_id', 'show-task', 'kps:tasks:get', { dto: TaskIdRequest }),
  listRunningTasks: kps<ListTasksRequest, ListRunningTasksReply>('GET', 'running-tasks', 'list-running-tasks', 'kps:tasks:list', { dto: ListTasksRequest }),
  listFailedTasks: kps<ListTasksRequest, ListFailedTasksReply>('GET', 'failed-tasks', 'list-failed-tasks', 'kps:tasks:list', { dto: ListTasksRequest }),
  deleteAllFailedTasks: kps<ListTasksRequest, NoBody>('DELETE', 'failed-tasks', 'delete-all-failed-tasks', 'kps:tasks:delete', { dto: ListTasksRequest, ...NO_CONTENT, ...keypairChange('deleteAllFailedTasks', 'FailedTasksDeleted') }),
  deleteFailedTask: kps<TaskIdRequest, NoBody>('DELETE', 'failed-tasks/:task_id', 'delete-failed-task', 'kps:tasks:delete', { dto: TaskIdRequest, ...NO_CONTENT, ...keypairChange('deleteFailedTask', 'FailedTaskDeleted') }),
  createServer: kps<CreateServerRequest, ServerReply>('POST', 'dew-servers', 'create-server', `${SRV}:create`, { dto: CreateServerRequest, ...serverChange('createServer', 'ServerRegistered') }),
  listServers: kps<ListServersRequest, ListServersReply>('GET', 'dew-servers', 'list-servers', `${SRV}:list`, { dto: ListServersRequest }),
  showServer: kps<ServerIdRequest, ServerReply>('GET', 'dew-servers/:server_id', 'show-server', `${SRV}:get`, { dto: ServerIdRequest }),
  updateServer: kps<UpdateServerRequest, ServerReply>('PUT', 'dew-servers/:server_id', 'update-server', `${SRV}:update`, { dto: UpdateServerRequest, ...serverChange('updateServer', 'ServerChanged') }),
  deleteServer: kps<ServerIdRequest, NoBody>('DELETE', 'dew-servers/:server_id', 'delete-server', `${SRV}:delete`, { dto: ServerIdRequest, ...NO_CONTENT, ...serverChange('deleteServer', 'ServerRemoved') }),
  /** P7: the Windows administrator password, decrypted with the bound key pair's private key. */
  showWindowsPassword: kps<WindowsPasswordRequest, WindowsPasswordReply>('POST', 'dew-servers/:server_id/windows-password', 'show-windows-password', `${SRV}:getPassword`, {
    dto: WindowsPasswordRequest, trace: { name: 'getServerPassword', resourceType: 'server' }, flags: { auditedRead: true },
  }),
  /** What depends on a KMS key (hosted private keys), for kms's deletion risk tips. */
  keyDependents: op<KeyDependentsRequest, KeyDependentsReply>('key-dependents', { dto: KeyDependentsRequest, callers: ['kms'] }),
  /** The bind-task runner's outcomes (no request of its own: traced from its events). */
  bindTaskOutcome: op('bind-task-outcome', {
    scheduled: true,
    trace: { name: 'bindTaskOutcome', resourceType: 'keypair', events: { BindTaskRunning: 'runBindTask', KeypairBound: 'bindKeypair', KeypairUnbound: 'unbindKeypair', BindTaskFailed: 'bindTaskFailed', ServerHostKeyPinned: { name: 'pinServerHostKey', resourceType: 'server' } } },
    flags: { changesState: true },
  }),
} as const;
