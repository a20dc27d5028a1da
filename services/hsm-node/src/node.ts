import { generateKeyPairSync } from 'node:crypto';
import * as grpc from '@grpc/grpc-js';
import { loadHsmProto } from '@dew/hsm-client';
import { ControlClient, ControlLease, IssuanceFeed, MirrorLog, NodeReporter, StateStore, type CallRecord } from '@dew/hsm-control';
import { normalSerial } from '@dew/x509';
import type { NodeConfig } from './config.js';
import { APP_TOKEN_LABEL, NodeTokens } from './token/node-tokens.js';
import { establishDomainKeys } from './ha/domain-key.js';
import { mirrorRecords, type MirrorRecord } from './ha/mirror-record.js';
import { ReplicatedKeys } from './ha/replicated-keys.js';
import { InstanceCa, CA_KEY_ID } from './pki/instance-ca.js';
import { readRevocations } from './pki/revocation-list.js';
import { kmsCertificateIssuer } from './pki/kms-certificates.js';
import { LeaseFence } from './ha/lease-fence.js';
import { ReloadableServerCredentials, type TlsMaterial } from './api/tls-credentials.js';
import { hsmService } from './api/hsm-service.js';
import { adminService } from './api/admin-service.js';
import { RpcError } from './api/grpc-errors.js';
import type { CallGuard } from './api/unary.js';
import { ProcessMetrics } from './metrics/process-metrics.js';
import { Pkcs11Remoting } from './p11/pkcs11-remoting.js';

/** How often the node reports its figures; monitoring samples once a minute. */
const HEALTH_REPORT_MS = 5_000;
/** A PKCS#11 start that failed (e.g. the port still held after a close failover) is retried, backing off to this. */
const PKCS11_RETRY_MS = { first: 1_000, max: 30_000 };
/** How long activation waits for the certificate relay's feed to open (it stays open in the background). */
const ISSUANCE_FEED_WAIT_MS = 5_000;
const delay = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms).unref());

/** Events on stdout, one JSON line each, for the supervising process (never key material). */
function report(event: string, fields: Record<string, unknown> = {}): void {
  process.stdout.write(`${JSON.stringify({ event, ...fields })}\n`);
}

/**
 * One appliance node: its tokens, the lease that decides active/standby, the mirror it applies,
 * and — while active — the gRPC servers on the instance's floating address.
 */
export class HsmNode {
  #role: 'standby' | 'active' = 'standby';
  #servers: grpc.Server[] = [];
  #appCreds: ReloadableServerCredentials | undefined;
  #revoked = new Set<string>();
  #caPem = '';
  #tls: TlsMaterial | undefined;
  #leaseTimer: NodeJS.Timeout | undefined;
  #activating: Promise<void> | undefined;
  readonly #fence: LeaseFence;
  #p11: Pkcs11Remoting | undefined;
  #p11Retry: NodeJS.Timeout | undefined;
  #healthTimer: NodeJS.Timeout | undefined;
  readonly #metrics: ProcessMetrics;
  readonly #reporter: NodeReporter;
  /** KMS's access certificates, requested through the control plane while this node is active. */
  readonly #issuance: IssuanceFeed;

  private constructor(
    private readonly cfg: NodeConfig,
    private readonly tokens: NodeTokens,
    private readonly control: ControlClient,
    private readonly state: StateStore,
    private readonly log: MirrorLog<MirrorRecord>,
    /** The application token's keys; `systemKeys` the node's own, `kmsKeys` KMS's (docs/hsm-appliance.md "Tokens"). */
    private readonly keys: ReplicatedKeys,
    private readonly systemKeys: ReplicatedKeys,
    private readonly kmsKeys: ReplicatedKeys,
    private readonly lease: ControlLease,
    private readonly stopping: AbortController,
  ) {
    this.#reporter = new NodeReporter(control);
    this.#issuance = new IssuanceFeed(control);
    this.#fence = new LeaseFence(cfg.leaseTtlMs, leasePeriod(cfg.leaseTtlMs), () => void this.#leaseLapsed());
    this.#metrics = new ProcessMetrics(() => (this.#role === 'active'
      ? [cfg.port, cfg.adminPort, cfg.pkcs11Port].map((port) => ({ host: cfg.floatingAddress, port }))
      : []));
  }

  static async start(cfg: NodeConfig): Promise<HsmNode> {
    const tokens = NodeTokens.open(cfg.pkcs11Library, { app: { pin: cfg.tokenPin, soPin: cfg.soPin }, system: { pin: cfg.systemPin, soPin: cfg.systemSoPin } },
      () => report('token-pin-restored', { node: cfg.nodeId, token: APP_TOKEN_LABEL }));
    // No NATS: the instance's lease, state and mirror are reached through the control plane only.
    const control = new ControlClient(cfg.control);
    const state = new StateStore(control);
    const log = new MirrorLog(control, mirrorRecords, (seq) => report('mirror-message-skipped', { node: cfg.nodeId, seq, reason: 'no mirror record' }));
    const stopping = new AbortController();
    const domainKeys = await establishDomainKeys(tokens, state, cfg.nodeId, stopping.signal, report);
    tokens.app.lengthProbe = domainKeys.app;
    const keys = new ReplicatedKeys(tokens.app, domainKeys.app, log);
    const systemKeys = new ReplicatedKeys(tokens.system, domainKeys.system, log, { token: 'system' });
    const kmsKeys = new ReplicatedKeys(tokens.kms, domainKeys.kms, log, { token: 'kms' });
    const lease = new ControlLease(control, Math.floor(cfg.leaseTtlMs / 3));
    const node = new HsmNode(cfg, tokens, control, state, log, keys, systemKeys, kmsKeys, lease, stopping);
    report('domain-key-ready', { node: cfg.nodeId });
    const byToken = { system: systemKeys, kms: kmsKeys, app: keys } as const;
    await log.follow((r) => byToken[r.token ?? 'app'].apply(r));
    void log.closed.then((err) => err && report('mirror-stopped', { reason: err.message }));
    await state.watch('revoked', (v) => void node.#applyRevocations(v));
    node.#leaseLoop();
    node.#reportHealth();
    return node;
  }

  get role(): 'standby' | 'active' {
    return this.#role;
  }

  async stop(): Promise<void> {
    this.stopping.abort();
    clearTimeout(this.#leaseTimer);
    clearTimeout(this.#healthTimer);
    this.#metrics.stop();
    await this.#activating;
    this.#fence.clear();
    await this.#deactivate();
    await this.lease.release();
    await this.log.stop();
    this.control.close();
    await this.tokens.settled();
    this.tokens.close();
  }

  /**
   * The node's figures to the control plane every few seconds (docs/hsm.md, "Monitoring"):
   * provisioning's monitoring samples the latest. A report that fails is simply the next one's gap.
   */
  #reportHealth(): void {
    const tick = async (): Promise<void> => {
      const h = this.#health();
      await this.#reporter.health({
        role: h.role, cpuPercent: h.cpuPercent, rssBytes: h.rssBytes, connections: h.connections, requests: h.requests,
        latencyP50Ms: h.latencyP50Ms, latencyMaxMs: h.latencyMaxMs, mirrorAppliedSeq: h.mirrorAppliedSeq, unmirroredKeys: h.unmirroredKeys.length,
      }).catch(() => undefined);
      if (!this.stopping.signal.aborted) this.#healthTimer = setTimeout(() => void tick(), HEALTH_REPORT_MS);
    };
    void tick();
  }

  // Renews well within the TTL; the standby polls at the same pace, so it takes over at most
  // one TTL plus one period after the active stopped renewing. Activation runs beside the ticks
  // (its catch-up may take seconds), so the lease is renewed meanwhile.
  //
  // A node just started waits one TTL before it competes (docs/hsm-appliance.md, "Lease"): a node
  // killed and relaunched by the supervisor must not race the standby that has been waiting for
  // the lapse; at an instance's first start both wait, and one wins.
  #leaseLoop(): void {
    const eligibleAt = Date.now() + this.cfg.leaseTtlMs;
    const tick = async (): Promise<void> => {
      const sentAt = Date.now();
      let held = false;
      try {
        held = sentAt >= eligibleAt && (await this.lease.tryAcquire());
      } catch {
        held = false;
      }
      if (held) this.#fence.renewed(sentAt);
      else this.#fence.clear();
      if (held && this.#role === 'standby' && this.#activating === undefined && !this.stopping.signal.aborted) {
        this.#activating = this.#activate()
          .catch((err: Error) => report('activation-failed', { reason: err.message }))
          .finally(() => { this.#activating = undefined; });
      } else if (!held && this.#role === 'active') await this.#deactivate();
      if (!this.stopping.signal.aborted) this.#leaseTimer = setTimeout(() => void tick(), leasePeriod(this.cfg.leaseTtlMs));
    };
    void tick();
  }

  /** The fence's deadline passed without a renewal (the control plane not answering): stop serving now. */
  async #leaseLapsed(): Promise<void> {
    if (this.#role !== 'active') return;
    report('lease-lapsed', { node: this.cfg.nodeId });
    await this.#deactivate();
  }

  async #activate(): Promise<void> {
    const started = Date.now();
    await this.log.catchUp(5000);
    await this.#ensureCa();
    this.#tls = this.#serverTls();
    await this.#applyRevocations((await this.state.get('revoked'))?.value);
    this.#appCreds = new ReloadableServerCredentials(this.#tlsWithCrl(), true);
    const adminCreds = new ReloadableServerCredentials(this.#tls, false);
    const { Hsm, HsmAdmin } = loadHsmProto();
    const guard = this.#guard();
    const health = () => this.#health();
    const recordCall = (r: CallRecord) => this.#reporter.call(r);
    const app = new grpc.Server();
    app.addService(Hsm.service, hsmService({
      app: { token: this.tokens.app, keys: this.keys }, kms: { token: this.tokens.kms, keys: this.kmsKeys }, guard, health, recordCall,
    }));
    const admin = new grpc.Server();
    admin.addService(HsmAdmin.service, adminService({
      instanceId: this.cfg.instanceId, ca: new InstanceCa(this.tokens.system, this.cfg.instanceId), state: this.state, keys: this.keys,
      guard, caCertificate: () => this.#caPem, expectedUkey: this.cfg.ukeyPublicKey,
      cryptoUserPin: () => ({ pin: this.cfg.tokenPin, tokenLabel: APP_TOKEN_LABEL }),
      onRevoked: async () => this.#applyRevocations((await this.state.get('revoked'))?.value),
      recordCall,
    }));
    try {
      if (!this.#fence.held) throw new Error('the lease lapsed during activation');
      await bind(app, `${this.cfg.floatingAddress}:${this.cfg.port}`, this.#appCreds);
      await bind(admin, `${this.cfg.floatingAddress}:${this.cfg.adminPort}`, adminCreds);
      if (!this.#fence.held || this.stopping.signal.aborted) throw new Error('the lease lapsed during activation');
    } catch (err) {
      // A half-bound node would keep the address: the next lease tick retries from nothing.
      app.forceShutdown();
      admin.forceShutdown();
      throw err;
    }
    this.#servers = [app, admin];
    this.#role = 'active';
    report('active', { node: this.cfg.nodeId, address: this.cfg.floatingAddress, activationMs: Date.now() - started });
    const feed = this.#issuance.open(kmsCertificateIssuer({
      ca: () => new InstanceCa(this.tokens.system, this.cfg.instanceId), recordCall, active: () => this.#role === 'active',
    })).then(() => {
      // Deactivated meanwhile, the feed was closed with it (a standby keeps none: the relay writes to the latest one).
      if (this.#role === 'active' && this.#issuance.opened) report('issuance-feed-open', { node: this.cfg.nodeId });
    }, (err: Error) => report('issuance-feed-failed', { reason: err.message }));
    // PKCS#11 does not wait for the feed, and activation waits for it a bounded time: an opening the
    // control plane never answers would otherwise keep PKCS#11 off and this node from ever
    // activating again (#activating stays set). The feed, once open, is kept either way.
    await Promise.all([this.#startPkcs11(PKCS11_RETRY_MS.first), Promise.race([feed, delay(ISSUANCE_FEED_WAIT_MS)])]);
  }

  async #deactivate(): Promise<void> {
    const servers = this.#servers;
    this.#servers = [];
    const wasActive = this.#role === 'active';
    this.#role = 'standby';
    this.#issuance.close();
    for (const s of servers) s.forceShutdown();
    // Reported once the gRPC ports are closed: whoever reads the line finds them refusing.
    if (wasActive) report('standby', { node: this.cfg.nodeId });
    clearTimeout(this.#p11Retry);
    const p11 = this.#p11;
    this.#p11 = undefined;
    await p11?.stop();
  }

  /**
   * PKCS#11 is an addition to the gRPC service: without p11-kit the node still serves gRPC, and
   * tries again while it is active (the port may still be held by the node it took over from).
   */
  async #startPkcs11(retryMs: number): Promise<void> {
    try {
      const p11 = await Pkcs11Remoting.start({
        provider: this.cfg.pkcs11Library, tokenLabel: APP_TOKEN_LABEL,
        host: this.cfg.floatingAddress, port: this.cfg.pkcs11Port, credentials: this.#appCreds!,
        isRevoked: (serial) => this.#revoked.has(normalSerial(serial)), token: this.tokens.app, keys: this.keys, report,
        recordCall: (r) => this.#reporter.call(r),
      });
      // Stopped meanwhile (the node shutting down): nothing may serve PKCS#11 on a standby.
      if (this.#role === 'active' && this.#p11 === undefined) this.#p11 = p11;
      else await p11.stop();
    } catch (err) {
      if (this.#role !== 'active') return;
      report('pkcs11-failed', { reason: (err as Error).message, retryInMs: retryMs });
      this.#p11Retry = setTimeout(() => void this.#startPkcs11(Math.min(retryMs * 2, PKCS11_RETRY_MS.max)), retryMs);
    }
  }

  /** The first active node of an instance creates its CA in the system token; its key is mirrored like any key. */
  async #ensureCa(): Promise<void> {
    const ca = new InstanceCa(this.tokens.system, this.cfg.instanceId);
    let existing = await this.state.get('ca');
    if (existing === undefined) {
      if (!ca.hasKey()) {
        InstanceCa.createKey(this.tokens.system);
        await this.systemKeys.shipExisting({ id: CA_KEY_ID, label: 'dew instance CA', type: 'EC_P256' }, '');
      }
      await this.state.create('ca', ca.selfSignedPem());
      existing = await this.state.get('ca');
    }
    this.#caPem = existing!.value;
  }

  #serverTls(): TlsMaterial {
    const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    const ca = new InstanceCa(this.tokens.system, this.cfg.instanceId);
    const cert = ca.issue(publicKey.export({ type: 'spki', format: 'pem' }).toString(), `hsm ${this.cfg.instanceId}`, 'server', [this.cfg.floatingAddress, this.cfg.nodeAddress]);
    return { ca: this.#caPem, cert: cert.pem, key: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString() };
  }

  #tlsWithCrl(): TlsMaterial {
    const ca = new InstanceCa(this.tokens.system, this.cfg.instanceId);
    const revoked = [...this.#revoked].map((serial) => ({ serial, at: new Date().toISOString() }));
    return { ...this.#tls!, crl: ca.crlPem(revoked, revoked.length + 1) };
  }

  /** Never rejects: it runs from the state watch, where a rejection would end the node. */
  async #applyRevocations(value: string | undefined): Promise<void> {
    const { entries, skipped } = readRevocations(value);
    if (skipped > 0) report('revocations-skipped', { skipped });
    this.#revoked = new Set(entries.map((e) => e.serial));
    try {
      if (this.#appCreds && this.#tls) this.#appCreds.update(this.#tlsWithCrl());
    } catch (err) {
      // The per-call check above still refuses the revoked certificates.
      report('crl-not-applied', { reason: (err as Error).message });
    }
  }

  #guard(): CallGuard {
    return {
      check: (call) => {
        if (this.#role !== 'active') throw new RpcError(grpc.status.UNAVAILABLE, 'this node is the standby');
        const serial = call.getAuthContext().sslPeerCertificate?.serialNumber;
        // Connections opened before a revocation keep their TLS session: refuse them per call too.
        if (serial !== undefined && this.#revoked.has(normalSerial(serial))) throw new RpcError(grpc.status.UNAUTHENTICATED, 'the client certificate is revoked');
      },
      record: (ms) => this.#metrics.record(ms),
    };
  }

  #health() {
    return {
      instanceId: this.cfg.instanceId, nodeId: this.cfg.nodeId, role: this.#role, mirrorAppliedSeq: this.log.appliedSeq,
      unmirroredKeys: this.#p11?.unmirrored ?? [], ...this.#metrics.snapshot(),
    };
  }
}

/** The lease tick: renewals (and the standby's attempts) five times per TTL. */
function leasePeriod(ttlMs: number): number {
  return Math.max(100, Math.floor(ttlMs / 5));
}

function bind(server: grpc.Server, address: string, creds: grpc.ServerCredentials): Promise<number> {
  return new Promise((resolve, reject) => server.bindAsync(address, creds, (err, port) => (err ? reject(err) : resolve(port))));
}
