import type { HsmCaCertificateReply, HsmUkeyReply, HsmDetail, HsmInstanceReply, HsmListItem, HsmMonitoringPoint, HsmMonitoringReply, ListHsmReply } from '@dew/contracts/wire-replies';
import type { Api } from '../session';

export type { HsmDetail, HsmListItem, HsmMonitoringPoint };

const instances = '/v1/{project_id}/dew-hsm/instances';
const instancePath = (id: string) => `${instances}/${encodeURIComponent(id)}`;

/** Guide table 4-3: what activation asks for. */
export interface Activation {
  readonly availability_zone: string;
  readonly name: string;
  readonly hsm_type: string;
  readonly vpc_id: string;
  readonly subnet_id: string;
  readonly security_group_id: string;
  readonly period_num: number;
  readonly auto_renew: boolean;
}

export const listHsms = (api: Api, offset: number, limit: number) => api<ListHsmReply>('GET', `${instances}?limit=${limit}&offset=${offset}`);
export const showHsm = async (api: Api, id: string) => (await api<HsmInstanceReply>('GET', instancePath(id))).instance;
export const createHsm = async (api: Api, contact: string) => (await api<HsmInstanceReply>('POST', instances, { contact })).instance;
export const activateHsm = async (api: Api, id: string, activation: Activation) => (await api<HsmInstanceReply>('POST', `${instancePath(id)}/activate`, activation)).instance;
export const deleteHsm = (api: Api, id: string) => api('DELETE', instancePath(id));
export const hsmMonitoring = async (api: Api, id: string) => (await api<HsmMonitoringReply>('GET', `${instancePath(id)}/monitoring`)).series;

/** Extends the paid period by 1–12 months (a frozen instance runs again: docs/hsm.md, "Lifecycle"). */
export const renewHsm = async (api: Api, id: string, months: number) => (await api<HsmInstanceReply>('POST', `${instancePath(id)}/renew`, { period_num: months })).instance;
/** The UKey's private half, answered once (docs/hsm.md, "UKey"): the caller saves it straight to a file. */
export const downloadUkey = (api: Api, id: string) => api<HsmUkeyReply>('POST', `${instancePath(id)}/ukey`);
export const hsmCaCertificate = (api: Api, id: string) => api<HsmCaCertificateReply>('GET', `${instancePath(id)}/ca-certificate`);
