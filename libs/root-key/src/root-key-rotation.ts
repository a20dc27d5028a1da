import { Inject, Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import type { NatsConnection } from '@nats-io/transport-node';
import type { Logger } from 'pino';
import { VersionedRootKey, type RootKeyProvider } from '@dew/crypto';
import { JetStreamEventStore, type CatchUpSubscription } from '@dew/event-store';
import { streams } from '@dew/messaging';
import { PINO, ROOT_KEY, SERVICE_SETTINGS, STREAMS_CONNECTION, type ServiceSettings } from '@dew/nest-kit';
import { isRootKeyHolder, retiredVersions, rootKeyRingDecider, type RootKeyRing, type RootKeyRingEvent } from '@dew/root-key-domain';
import { silentProgress } from './progress.js';
import { emptyCount, rotationRewrap, type StepCount } from './rewrap.js';
import { executeOnRing, foldRingMessage } from './ring.js';
import type { RootWrappedStore } from './stores.js';

export const ROOT_WRAPPED_STORES = Symbol('ROOT_WRAPPED_STORES');

/** A background run yields this long after every BATCH re-wrapped blobs, so requests keep their latency. */
const BATCH = 50;
const PAUSE_MS = 20;
/** A pass that lost races (a concurrent change) runs again after this long. */
const RETRY_MS = 1000;
/**
 * A request may have wrapped with the old version just before the switch and store its blob only
 * after a pass went by (or a replica may switch a moment later): the report waits for a pass that
 * started at least this long after the switch and found nothing left to re-wrap.
 */
const SETTLE_MS = 2000;

class Stopped extends Error {}

/**
 * A holder's side of root key rotation (docs/architecture.md, "Root of trust"). It follows the
 * ring (stream ROOT_KEY, an ordered consumer from the start); on a new version it first wraps with
 * it, then re-wraps its own stores, then reports RootKeyRewrapCompleted. The report that retires
 * older versions makes this process destroy their keys; every process forgets retired versions,
 * and one starting destroys any retired version whose key is still there. A service started during
 * a rotation resumes it from the ring.
 */
@Injectable()
export class RootKeyRotation implements OnApplicationBootstrap, OnApplicationShutdown {
  #ring: RootKeyRing = rootKeyRingDecider.initialState;
  #caughtUp = false;
  #work: Promise<void> = Promise.resolve();
  #subscription: CatchUpSubscription | undefined;
  #stopped = false;
  readonly #retiredHere = new Set<number>();
  readonly #store: JetStreamEventStore;

  constructor(
    @Inject(ROOT_KEY) private readonly root: RootKeyProvider,
    @Inject(STREAMS_CONNECTION) private readonly nc: NatsConnection,
    @Inject(SERVICE_SETTINGS) private readonly settings: ServiceSettings,
    @Inject(PINO) private readonly log: Logger,
    @Inject(ROOT_WRAPPED_STORES) private readonly stores: RootWrappedStore[],
  ) {
    this.#store = new JetStreamEventStore(nc);
  }

  async onApplicationBootstrap(): Promise<void> {
    if (!(this.root instanceof VersionedRootKey)) {
      this.log.info({ rootKey: this.root.description }, 'root key rotation is off for this provider (env: use the file or pkcs11 provider)');
      return;
    }
    const root = this.root;
    try {
      this.#subscription = await this.#store.subscribe<RootKeyRingEvent>(streams.rootKey.name, {}, (msg) => {
        this.#ring = foldRingMessage(this.#ring, msg, (e) => this.log.warn({ subject: msg.subject, type: e.type, sequence: msg.streamSequence }, 'root key ring: ignored an event its subject\'s writer may not write'));
        if (this.#caughtUp) this.#schedule(root, false);
      });
    } catch (err) {
      // No ring (streams not provisioned by this version): a rotation then never completes, so nothing is retired under this service.
      this.log.error({ err: (err as Error).message, stream: streams.rootKey.name }, 'root key rotation cannot follow the ring; run dew provision-streams and restart');
      return;
    }
    void this.#subscription.caughtUp.then(() => {
      this.#caughtUp = true;
      this.#schedule(root, true);
    });
  }

  async onApplicationShutdown(): Promise<void> {
    this.#stopped = true;
    await this.#subscription?.stop();
    await this.#work;
  }

  #schedule(root: VersionedRootKey, starting: boolean): void {
    this.#work = this.#work
      .then(() => this.#reconcile(root, starting))
      .catch((err: unknown) => {
        if (err instanceof Stopped || this.#stopped) return;
        this.log.error({ err: (err as Error).message }, `root key rotation step failed; retrying in ${RETRY_MS * 5} ms`);
        setTimeout(() => this.#schedule(root, starting), RETRY_MS * 5).unref();
      });
  }

  async #reconcile(root: VersionedRootKey, starting: boolean): Promise<void> {
    const ring = this.#ring;
    if (ring.current > root.current) {
      root.use(ring.current);
      this.log.info({ version: ring.current }, 'root key: wrapping with the new version');
    }
    for (const version of retiredVersions(ring)) {
      root.forget(version);
      if ((starting || this.#retiredHere.has(version)) && root.hasKey(version)) {
        root.destroy(version);
        this.log.warn({ version }, 'root key: destroyed a retired version');
      }
    }
    const holder = this.settings.service;
    if (!isRootKeyHolder(holder) || ring.rewrapped[holder] >= ring.current) return;
    const rewrapped = await this.#rewrapAll(root);
    const events = await executeOnRing(this.#store, { type: 'CompleteRootKeyRewrap', holder, version: ring.current, rewrapped, now: Date.now() }, `dew-${holder}`);
    this.log.info({ version: ring.current, rewrapped }, 'root key: every blob of this service re-wrapped');
    for (const e of events) if (e.type === 'RootKeyVersionRetired') this.#retiredHere.add(e.version);
  }

  /**
   * Passes over every store until one, started SETTLE_MS after the switch at the earliest, finds
   * no blob to re-wrap and none left (a pass loses a race to a concurrent change now and then).
   */
  async #rewrapAll(root: VersionedRootKey): Promise<number> {
    let blobs = 0;
    const pace = async () => {
      if (this.#stopped) throw new Stopped();
      if (++blobs % BATCH === 0) await new Promise((r) => setTimeout(r, PAUSE_MS));
    };
    const settledFrom = Date.now() + SETTLE_MS;
    for (;;) {
      const started = Date.now();
      const total: StepCount = emptyCount();
      for (const store of this.stores) {
        const c = await store.rewrap(rotationRewrap(root, { progress: silentProgress, pace }));
        this.log.info({ store: store.name, version: root.current, ...c }, 'root key: re-wrap pass');
        total.rewrapped += c.rewrapped;
        total.left += c.left;
      }
      if (total.left === 0 && total.rewrapped === 0 && started >= settledFrom) return blobs;
      if (this.#stopped) throw new Stopped();
      await new Promise((r) => setTimeout(r, Math.max(RETRY_MS, settledFrom - Date.now())));
    }
  }
}
