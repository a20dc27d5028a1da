import type { HsmCaCertificateReply, HsmInstanceReply, HsmMonitoringReply, HsmUkeyReply, ListHsmReply } from '../dhsm/replies.js';
import { ActivateHsmRequest, CreateHsmRequest, HsmInstanceIdRequest, ListHsmRequest, RenewHsmRequest } from '../dhsm/requests.js';
import { operationsOf, stateChange, type HttpMethod, type OperationOptions } from './operation.js';

const op = operationsOf('hsm-provisioning', 'dhsm', 'dhsm', true);
type NoBody = Record<string, never>;

/** A Dedicated HSM operation at `/v1/{project_id}/dew-hsm/<path>`. */
function dhsm<Req extends object = object, Rep = unknown>(method: HttpMethod, path: string, name: string, action: string, o: Omit<OperationOptions<Req>, 'http' | 'permission'> & { status?: 204 } = {}) {
  const { status, ...rest } = o;
  return op<Req, Rep>(name, {
    ...rest,
    http: { method, paths: [`/v1/:project_id/dew-hsm/${path}`], ...(status ? { successStatus: status } : {}) },
    permission: { action, resource: 'hsm' },
  });
}

const change = (name: string, ...events: string[]) => stateChange('hsm', name, ...events);

/**
 * Dedicated HSM operations: DEW's own API, Huawei's SDK has none (docs/api-decisions.md,
 * "Dedicated HSM"). Trace names of guide table 5-1 (purchaseHsm, createHsm, deleteHsm), DEW's
 * for the others.
 */
export const dhsmOperations = {
  createHsm: dhsm<CreateHsmRequest, HsmInstanceReply>('POST', 'instances', 'create-hsm', 'dhsm:instance:create', { dto: CreateHsmRequest, ...change('purchaseHsm', 'HsmInstanceCreated') }),
  activateHsm: dhsm<ActivateHsmRequest, HsmInstanceReply>('POST', 'instances/:instance_id/activate', 'activate-hsm', 'dhsm:instance:activate', { dto: ActivateHsmRequest, ...change('createHsm', 'HsmActivated') }),
  listHsms: dhsm<ListHsmRequest, ListHsmReply>('GET', 'instances', 'list-hsms', 'dhsm:instance:list', { dto: ListHsmRequest }),
  showHsm: dhsm<HsmInstanceIdRequest, HsmInstanceReply>('GET', 'instances/:instance_id', 'show-hsm', 'dhsm:instance:get', { dto: HsmInstanceIdRequest }),
  renewHsm: dhsm<RenewHsmRequest, HsmInstanceReply>('POST', 'instances/:instance_id/renew', 'renew-hsm', 'dhsm:instance:renew', { dto: RenewHsmRequest, ...change('renewHsm', 'HsmRenewed') }),
  deleteHsm: dhsm<HsmInstanceIdRequest, NoBody>('DELETE', 'instances/:instance_id', 'delete-hsm', 'dhsm:instance:delete', { dto: HsmInstanceIdRequest, status: 204, ...change('deleteHsm', 'HsmDeleted') }),
  downloadHsmUkey: dhsm<HsmInstanceIdRequest, HsmUkeyReply>('POST', 'instances/:instance_id/ukey', 'download-hsm-ukey', 'dhsm:ukey:download', { dto: HsmInstanceIdRequest, ...change('downloadHsmUkey', 'HsmUkeyDownloaded') }),
  showHsmCaCertificate: dhsm<HsmInstanceIdRequest, HsmCaCertificateReply>('GET', 'instances/:instance_id/ca-certificate', 'show-hsm-ca-certificate', 'dhsm:instance:get', { dto: HsmInstanceIdRequest }),
  showHsmMonitoring: dhsm<HsmInstanceIdRequest, HsmMonitoringReply>('GET', 'instances/:instance_id/monitoring', 'show-hsm-monitoring', 'dhsm:monitor:get', { dto: HsmInstanceIdRequest }),
  /** The lifecycle scheduler's steps (no request of their own: traced from their events). */
  hsmLifecycle: op('hsm-lifecycle', {
    scheduled: true,
    trace: { name: 'hsmLifecycle', resourceType: 'hsm', events: { HsmInstallCompleted: 'completeHsmInstall', HsmNodesAllocated: 'allocateHsmNodes', HsmCreationFailed: 'failHsmCreation', HsmFrozen: 'freezeHsm' } },
    flags: { changesState: true },
  }),
} as const;
