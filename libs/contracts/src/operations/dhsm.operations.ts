import type { HsmCaCertificateReply, HsmInstanceReply, HsmMonitoringReply, HsmUkeyReply, KmsCertificateReply, KmsEndpointReply, ListHsmReply } from '../dhsm/replies.js';
import { ActivateHsmRequest, CreateHsmRequest, HsmInstanceIdRequest, IssueKmsCertificateRequest, ListHsmRequest, RenewHsmRequest } from '../dhsm/requests.js';
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
  /**
   * KMS's access certificate for a key store on an instance of the caller's project, issued by its
   * active node through the control plane (docs/hsm-appliance.md, "KMS's access certificate").
   * Bus only, kms only; the node traces the issuance (issueHsmCertificate).
   */
  // A second call signs a second certificate.
  issueKmsCertificate: op<IssueKmsCertificateRequest, KmsCertificateReply>('issue-kms-certificate', { dto: IssueKmsCertificateRequest, callers: ['kms'], flags: { sideEffectsBeyondEvents: true } }),
  /** Where kms reaches a key store's instance, and its status (bus only, kms only). */
  showKmsEndpoint: op<HsmInstanceIdRequest, KmsEndpointReply>('show-kms-endpoint', { dto: HsmInstanceIdRequest, callers: ['kms'] }),
  /** The lifecycle scheduler's steps (no request of their own: traced from their events). */
  hsmLifecycle: op('hsm-lifecycle', {
    scheduled: true,
    trace: { name: 'hsmLifecycle', resourceType: 'hsm', events: { HsmInstallCompleted: 'completeHsmInstall', HsmNodesAllocated: 'allocateHsmNodes', HsmCreationFailed: 'failHsmCreation', HsmFrozen: 'freezeHsm' } },
    flags: { changesState: true },
  }),
} as const;

/**
 * The appliance's own calls (admin port and key API), traced by hsm-provisioning from the record
 * a node sends through its control plane before it answers (docs/hsm.md, "Traces"). No bus subject
 * or route of their own: the trace and its flags are what is declared here, under the node's
 * operation name.
 */
const appliance = (name: string, traceName: string, resourceType: string, changesState: boolean) =>
  op(name, { scheduled: true, trace: { name: traceName, resourceType }, flags: changesState ? { changesState: true } : { auditedRead: true } });

export const dhsmApplianceOperations = {
  Initialize: appliance('hsm-initialize', 'initializeHsm', 'hsm', true),
  IssueCertificate: appliance('hsm-issue-certificate', 'issueHsmCertificate', 'hsmCertificate', true),
  RevokeCertificate: appliance('hsm-revoke-certificate', 'revokeHsmCertificate', 'hsmCertificate', true),
  BackupKey: appliance('hsm-backup-key', 'backupHsmKey', 'hsmKey', false),
  RestoreKey: appliance('hsm-restore-key', 'restoreHsmKey', 'hsmKey', true),
  GetCryptoUserPin: appliance('hsm-get-crypto-user-pin', 'getHsmCryptoUserPin', 'hsm', false),
  GenerateKey: appliance('hsm-generate-key', 'generateHsmKey', 'hsmKey', true),
  Unwrap: appliance('hsm-unwrap-key', 'unwrapHsmKey', 'hsmKey', true),
  DestroyKey: appliance('hsm-destroy-key', 'destroyHsmKey', 'hsmKey', true),
  /** A key export under another key of the instance: a read, audited. */
  Wrap: appliance('hsm-wrap-key', 'wrapHsmKey', 'hsmKey', false),
  /** Keys PKCS#11 applications made or destroyed, as the node's sweep finds them (caller `pkcs11`). */
  Pkcs11KeyCreated: appliance('hsm-pkcs11-key-created', 'createHsmKeyByPkcs11', 'hsmKey', true),
  Pkcs11KeyDestroyed: appliance('hsm-pkcs11-key-destroyed', 'destroyHsmKeyByPkcs11', 'hsmKey', true),
  /** The admin calls of unverified callers refused in a minute beyond those recorded one by one. */
  AdminCallsRefused: appliance('hsm-admin-calls-refused', 'refuseHsmAdminCalls', 'hsm', false),
} as const;
