import { Module, type DynamicModule } from '@nestjs/common';
import { Audit, DewServiceModule, type ServiceSettings } from '@dew/nest-kit';
import { Authenticator } from './auth/authenticator.js';
import { Authorizer } from './auth/authorizer.js';
import { HealthProbe } from './http/health.js';
import { RequestPipeline } from './http/pipeline.js';
import { AliasTarget } from './http/alias-target.js';
import { RefusalAudit } from './http/refusal-audit.js';

@Module({})
export class GatewayModule {
  static forRoot(settings: ServiceSettings): DynamicModule {
    return {
      module: GatewayModule,
      imports: [DewServiceModule.forRoot(settings, undefined, { holdsRootKey: false })],
      providers: [Audit, RefusalAudit, Authenticator, Authorizer, AliasTarget, RequestPipeline, HealthProbe],
      exports: [RequestPipeline, HealthProbe],
    };
  }
}
