import { ActivateHsmController } from './instances/activate-hsm.controller.js';
import { CreateHsmController } from './instances/create-hsm.controller.js';
import { DeleteHsmController } from './instances/delete-hsm.controller.js';
import { ListHsmsController } from './instances/list-hsms.controller.js';
import { RenewHsmController } from './instances/renew-hsm.controller.js';
import { ShowHsmController } from './instances/show-hsm.controller.js';
import { ShowHsmMonitoringController } from './monitoring/show-hsm-monitoring.controller.js';
import { ShowHsmCaCertificateController } from './pki/show-hsm-ca-certificate.controller.js';
import { DownloadHsmUkeyController } from './ukey/download-hsm-ukey.controller.js';
import { IssueKmsCertificateController } from './kms-access/issue-kms-certificate.controller.js';
import { ShowKmsEndpointController } from './kms-access/show-kms-endpoint.controller.js';

/** One controller per served row of the dhsm table (hsm.module.unit.spec.ts checks none is missing). */
export const HSM_CONTROLLERS = [
  CreateHsmController, ActivateHsmController, ListHsmsController, ShowHsmController, RenewHsmController, DeleteHsmController, DownloadHsmUkeyController, ShowHsmCaCertificateController, ShowHsmMonitoringController,
  IssueKmsCertificateController, ShowKmsEndpointController,
];
