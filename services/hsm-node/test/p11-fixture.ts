import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startAll, startTestNats, type TestNats } from '@dew/testing';
import { startInitialisedAppliance, type Appliance, type NodeProcess } from './appliance.js';
import { startBridgeCli, type BridgeProcess } from './p11-bridge.js';

/** An initialised appliance, a client certificate in files, the bridge CLI over it, and the PIN from the admin port. */
export interface P11Fixture {
  readonly nats: TestNats;
  readonly hsm: Appliance;
  readonly dir: string;
  readonly ca: Buffer;
  readonly bridge: BridgeProcess;
  readonly pin: string;
  active: NodeProcess;
}

export function startP11Fixture(instanceId: string): Promise<P11Fixture> {
  return startAll(async (started) => {
    const nats = started(await startTestNats(), (n) => n.stop());
    const { hsm, active } = await startInitialisedAppliance(nats, instanceId);
    started(hsm, (h) => h.stop());
    // PKCS#11 and the certificate relay's feed start side by side: the KMS tests need both.
    await Promise.all([active.waitFor('pkcs11-serving'), active.waitFor('issuance-feed-open')]);
    const dir = started(await mkdtemp(join(tmpdir(), 'dew-hsm-p11-')), (d) => rm(d, { recursive: true, force: true }));
    const ca = await hsm.caPem();
    const app = await hsm.clientFor('pkcs11-app');
    app.client.close();
    const files = { ca: join(dir, 'ca.pem'), cert: join(dir, 'app.pem'), key: join(dir, 'app.key') };
    await Promise.all([writeFile(files.ca, ca), writeFile(files.cert, app.cert), writeFile(files.key, app.key, { mode: 0o600 })]);
    const bridge = started(await startBridgeCli(join(dir, 'p11.sock'), [`${hsm.floating}:${hsm.pkcs11Port}`], files), (b) => b.stop());
    const admin = await hsm.admin();
    const { pin } = await admin.cryptoUserPin().finally(() => admin.close());
    return { nats, hsm, dir, ca, bridge, pin, active };
  });
}

export async function stopP11Fixture(f: P11Fixture | undefined): Promise<void> {
  await f?.bridge.stop();
  await f?.hsm.stop();
  await f?.nats.stop();
  if (f) await rm(f.dir, { recursive: true, force: true });
}
