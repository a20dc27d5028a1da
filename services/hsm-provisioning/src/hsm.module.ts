import { Module, type DynamicModule } from '@nestjs/common';
import { RootKeyRotationModule, sealedFilesStore } from '@dew/root-key';
import { Audit, DewServiceModule, type ServiceSettings } from '@dew/nest-kit';
import { ApplianceReports } from './control/appliance-reports.js';
import { HSM_CONTROLLERS } from './hsm.controllers.js';
import { NodeControl } from './control/node-control.js';
import { HsmInstanceSets } from './instances/instance-sets.js';
import { HsmLifecycleScheduler } from './lifecycle/lifecycle-scheduler.js';
import { MonitoringSeries } from './monitoring/monitoring-series.js';
import { NodeMetrics, ReportedNodeMetrics } from './monitoring/node-metrics.js';
import { NodeLauncher } from './nodes/node-launcher.js';
import { NodePins } from './nodes/node-pins.js';
import { SealedFiles } from './nodes/sealed-files.js';
import { NodeSupervisor } from './nodes/node-supervisor.js';
import { ProcessNodeLauncher } from './nodes/process-node-launcher.js';
import { HsmProvisioningConfig } from './provisioning-config.js';
import { UkeyVault } from './ukey/ukey-vault.js';
import { InstanceCaCertificates } from './pki/instance-ca-certificates.js';

@Module({})
export class HsmProvisioningModule {
  static forRoot(settings: ServiceSettings, config: HsmProvisioningConfig): DynamicModule {
    return {
      module: HsmProvisioningModule,
      imports: [DewServiceModule.forRoot(settings), RootKeyRotationModule.forRoot({ useFactory: () => [sealedFilesStore(config.dataDir)] })],
      controllers: HSM_CONTROLLERS,
      providers: [
        { provide: HsmProvisioningConfig, useValue: config },
        { provide: NodeLauncher, useClass: ProcessNodeLauncher },
        { provide: NodeMetrics, useClass: ReportedNodeMetrics },
        Audit, ApplianceReports, HsmInstanceSets, SealedFiles, UkeyVault, InstanceCaCertificates, NodePins, NodeControl, NodeSupervisor, HsmLifecycleScheduler, MonitoringSeries,
      ],
    };
  }
}
