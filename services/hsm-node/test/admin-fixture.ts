import { generateKeyPairSync } from 'node:crypto';
import type * as grpc from '@grpc/grpc-js';
import type { HsmAdminClient, HsmClient } from '@dew/hsm-client';
import { startAll, startTestNats, type TestNats } from '@dew/testing';
import { startInitialisedAppliance, type Appliance, type NodeProcess } from './appliance.js';

/** An initialised appliance on a test NATS, with an admin client (the UKey) and an application client. */
export interface AdminFixture {
  readonly nats: TestNats;
  readonly hsm: Appliance;
  readonly active: NodeProcess;
  readonly admin: HsmAdminClient;
  readonly client: HsmClient;
  stop(): Promise<void>;
}

export function startAdminFixture(instanceId: string, application: string): Promise<AdminFixture> {
  return startAll(async (started) => {
    const nats = started(await startTestNats(), (n) => n.stop());
    const { hsm, active } = await startInitialisedAppliance(nats, instanceId);
    started(hsm, (h) => h.stop());
    const admin = started(await hsm.admin(), (a) => a.close());
    const { client } = await hsm.clientFor(application);
    return {
      nats, hsm, active, admin, client,
      async stop() {
        admin.close();
        client.close();
        await hsm.stop();
        await nats.stop();
      },
    };
  });
}

/** 'served', or the gRPC status and details the call was refused with. */
export const codeOf = (p: Promise<unknown>) => p.then(() => 'served' as const, (e: grpc.ServiceError) => ({ code: e.code, details: e.details }));

/** A fresh P-256 public key in PEM, for certificates to issue. */
export const publicKeyPem = () => generateKeyPairSync('ec', { namedCurve: 'P-256' }).publicKey.export({ type: 'spki', format: 'pem' }).toString();
