import { Module, type DynamicModule, type FactoryProvider } from '@nestjs/common';
import { ROOT_WRAPPED_STORES, RootKeyRotation } from './root-key-rotation.js';
import type { RootWrappedStore } from './stores.js';

/**
 * A root key holder's background rotation (root-key-rotation.ts). The service names its stores:
 *
 *   RootKeyRotationModule.forRoot({ inject: [STREAMS_CONNECTION], useFactory: (nc) => [keyringStore(nc, streams.kmsKeyring)] })
 */
@Module({})
export class RootKeyRotationModule {
  static forRoot(stores: Omit<FactoryProvider<RootWrappedStore[]>, 'provide'>): DynamicModule {
    return { module: RootKeyRotationModule, providers: [{ provide: ROOT_WRAPPED_STORES, ...stores }, RootKeyRotation] };
  }
}
