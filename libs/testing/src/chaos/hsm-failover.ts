import { randomBytes } from 'node:crypto';
import type { DewSystem } from '../dew-system.js';
import type { SdkClient } from '../sdk-client.js';
import { applicationClient, initialisedAdmin, instanceCa, runningInstance } from '../dhsm/running-appliance.js';
import { failoverUnderLoad } from '../dhsm/failover-under-load.js';

/** The Dedicated HSM fault of `make chaos`: what an application calling the instance saw. */
export interface HsmFailoverFigures {
  /** The node killed (a or b). */
  readonly killed: string;
  /** From the kill to the first call answered after the standby took over. */
  readonly resumedMs: number;
  readonly ok: number;
  readonly wrong: number;
  /** Calls that failed even with the SDK's retries. */
  readonly failures: number;
  /** Every key made before the kill still decrypts what it encrypted before. */
  readonly keysSurvived: boolean;
}

/**
 * An instance bought and activated through the API, its nodes launched by hsm-provisioning, an
 * application encrypting and decrypting through the SDK (with retries long enough to carry a call
 * across one takeover, docs/hsm-appliance.md "Client SDK"); its active node killed with SIGKILL.
 */
export async function hsmFailover(dew: DewSystem, api: SdkClient): Promise<HsmFailoverFigures> {
  const instance = await runningInstance(dew, api, 'chaos', 'subnet-chaos');
  const ca = await instanceCa(api, instance.id);
  const { admin } = await initialisedAdmin(api, instance, ca);
  const client = await applicationClient(admin, instance, ca, 'chaos-app', { attempts: 40, baseDelayMs: 25, maxDelayMs: 150 });
  admin.close();
  try {
    const before = await Promise.all(Array.from({ length: 4 }, async (_, i) => {
      const key = await client.generateKey('AES_256', `chaos-before-${i}`);
      const plaintext = randomBytes(32);
      return { keyId: key.keyId, plaintext, sealed: await client.encrypt(key.keyId, plaintext) };
    }));
    const round = async (n: number) => {
      const { keyId } = before[n % before.length]!;
      const plaintext = randomBytes(32);
      const sealed = await client.encrypt(keyId, plaintext);
      return (await client.decrypt(keyId, sealed.iv, sealed.ciphertext)).equals(plaintext);
    };
    const run = await failoverUnderLoad(dew.dataDir, instance, round);
    const opened = await Promise.all(before.map(async (b) => (await client.decrypt(b.keyId, b.sealed.iv, b.sealed.ciphertext)).equals(b.plaintext)));
    return { killed: run.killed, resumedMs: run.resumedMs, ok: run.ok, wrong: run.wrong, failures: run.failures.length, keysSurvived: opened.every(Boolean) };
  } finally {
    client.close();
  }
}
