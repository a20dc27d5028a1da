import { createPublicKey, verify as verifySignature, createHash } from 'node:crypto';
import { status, type ServerUnaryCall } from '@grpc/grpc-js';
import { adminMessage } from '@dew/hsm-client';
import { parseSerial, sha256Fingerprint } from '@dew/x509';
import type { StateStore } from '@dew/hsm-control';
import type { InstanceCa } from '../pki/instance-ca.js';
import { readRevocations } from '../pki/revocation-list.js';
import type { ReplicatedKeys } from '../ha/replicated-keys.js';
import { decodeKey, encodeKey } from '../ha/mirror-record.js';
import { RpcError } from './grpc-errors.js';
import { requireKeyId, requireString, unary, type CallGuard, type Handler, type UnaryImpl } from './unary.js';
import { keyInReply, keyInRequest, sourceIp, text, traced, type RecordCall, type TracedCall } from './call-audit.js';
import { AdminChallenges } from './admin-challenges.js';
import { UNVERIFIED_CALLER, UnprovenRefusals } from './unproven-refusals.js';
import { quoted, requireCommonName } from './input-limits.js';
import { isReservedForKms, KMS_NAME_PREFIX } from '../pki/kms-certificates.js';

export interface AdminServiceDeps {
  readonly instanceId: string;
  readonly ca: InstanceCa;
  readonly state: StateStore;
  /** The application token's keys: what BackupKey exports and RestoreKey restores. */
  readonly keys: ReplicatedKeys;
  readonly guard: CallGuard;
  /** The UKey the provisioning side issued (PEM); Initialize accepts only it. */
  readonly expectedUkey: string;
  readonly caCertificate: () => string;
  /** Applies a new revocation list to this node's TLS server before the call is acknowledged. */
  readonly onRevoked: () => Promise<void>;
  /** The token's user PIN, which PKCS#11 applications log in with, and the token's label. */
  readonly cryptoUserPin: () => { pin: string; tokenLabel: string };
  /** The audit trail (docs/hsm.md, "Traces"): every admin call but GetChallenge, served or refused. */
  readonly recordCall: RecordCall;
}

const INSTANCE = (id: string) => () => ({ id, name: id });

/** The administration service (proto `HsmAdmin`): every call proves possession of the UKey. */
export function adminService(d: AdminServiceDeps): Record<string, UnaryImpl> {
  const challenges = new AdminChallenges();
  const refusals = new UnprovenRefusals(d.recordCall, d.instanceId);
  // The calls whose UKey signature verified, by their `auth` message: only their callers are proven.
  const proven = new WeakSet<object>();
  const u = (h: Parameters<typeof unary>[1]) => unary(d.guard, h);
  const ukey = `UKey ${sha256Fingerprint(createPublicKey(d.expectedUkey).export({ type: 'spki', format: 'der' }))}`;
  const callerOf = (call: ServerUnaryCall<unknown, unknown>) => (proven.has((call.request as Record<string, unknown>)['auth'] as object) ? ukey : UNVERIFIED_CALLER);
  // What an unverified caller makes the audit trail hold is bounded (docs/hsm.md, "Traces").
  const record: RecordCall = (r) => (r.caller === UNVERIFIED_CALLER ? refusals.refused(r) : d.recordCall(r));
  const t = (spec: TracedCall, h: Handler) => u(traced(record, callerOf, spec, (req, call) => {
    refusals.admit(sourceIp(call));
    return h(req, call);
  }));

  const checkSigned = (method: string, auth: unknown, fields: Record<string, string>, publicKeyPem: string): void => {
    const a = (auth ?? {}) as { challenge?: Buffer; signature?: Buffer };
    if (!a.challenge?.length || !a.signature?.length) throw new RpcError(status.UNAUTHENTICATED, `${method} must be signed with the instance's UKey`);
    challenges.consume(a.challenge);
    const ok = verifySignature(null, adminMessage(method, d.instanceId, a.challenge, fields), createPublicKey(publicKeyPem), a.signature);
    if (!ok) throw new RpcError(status.UNAUTHENTICATED, `the signature of ${method} does not verify with the UKey`);
    proven.add(a);
  };
  // Verified against the UKey this node was started with, never against the shared state alone:
  // a registration in the state that names another key (written by anything but this node) is refused.
  const admin = async (method: string, auth: unknown, fields: Record<string, string>): Promise<void> => {
    const registered = await d.state.get('admin');
    if (registered === undefined) throw new RpcError(status.FAILED_PRECONDITION, 'the instance is not initialised: call Initialize with its UKey first');
    if (!sameKey(registered.value, d.expectedUkey)) throw new RpcError(status.FAILED_PRECONDITION, 'the instance\'s registered administrator is not the UKey issued for it');
    checkSigned(method, auth, fields, d.expectedUkey);
  };

  return {
    GetChallenge: u(() => ({ challenge: challenges.issue() })),
    Initialize: t({ operation: 'Initialize', resource: INSTANCE(d.instanceId) }, async (r) => {
      const ukey = requireString(r, 'ukeyPublicKey');
      let spki: Buffer;
      try {
        const k = createPublicKey(ukey);
        if (k.asymmetricKeyType !== 'ed25519') throw new Error('not Ed25519');
        spki = k.export({ type: 'spki', format: 'der' });
      } catch {
        throw new RpcError(status.INVALID_ARGUMENT, 'ukeyPublicKey must be an Ed25519 public key in PEM');
      }
      if (!createPublicKey(d.expectedUkey).export({ type: 'spki', format: 'der' }).equals(spki)) {
        throw new RpcError(status.PERMISSION_DENIED, 'this is not the UKey issued for the instance');
      }
      checkSigned('Initialize', r['auth'], { ukeyPublicKey: ukey }, ukey);
      if (!(await d.state.create('admin', ukey))) throw new RpcError(status.FAILED_PRECONDITION, 'the instance is initialised already');
      return { caCertificate: d.caCertificate() };
    }),
    IssueCertificate: t({
      operation: 'IssueCertificate', resource: (r, reply) => ({ id: text(reply?.['serial']), name: text(r['commonName']) }), fields: (r) => ({ commonName: text(r['commonName']) }),
    }, async (r) => {
      const commonName = requireCommonName(r);
      if (isReservedForKms(commonName)) throw new RpcError(status.INVALID_ARGUMENT, `commonName ${quoted(commonName)} is reserved: names starting ${KMS_NAME_PREFIX} are KMS's access certificates`);
      const publicKey = requireString(r, 'publicKey');
      await admin('IssueCertificate', r['auth'], { commonName, publicKey });
      try {
        const issued = d.ca.issue(publicKey, commonName, 'client');
        return { certificate: issued.pem, serial: issued.serial };
      } catch (err) {
        if (err instanceof RpcError) throw err;
        throw new RpcError(status.INVALID_ARGUMENT, 'publicKey is not a public key in PEM');
      }
    }),
    RevokeCertificate: t({ operation: 'RevokeCertificate', resource: (r) => ({ id: parseSerial(text(r['serial'])) ?? '', name: '' }) }, async (r) => {
      const typed = requireString(r, 'serial');
      const serial = parseSerial(typed);
      if (serial === undefined) throw new RpcError(status.INVALID_ARGUMENT, `serial must be a positive certificate serial of at most 40 hex digits (colons and spaces allowed), not ${JSON.stringify(typed.slice(0, 64))}`);
      // The UKey signs the serial as typed (HsmAdminClient.revokeCertificate); the list holds its normal spelling.
      await admin('RevokeCertificate', r['auth'], { serial: typed.toLowerCase() });
      for (;;) {
        const current = await d.state.get('revoked');
        const list = readRevocations(current?.value).entries;
        if (list.some((e) => e.serial === serial)) break;
        const next = JSON.stringify([...list, { serial, at: new Date().toISOString() }]);
        if (current ? await d.state.update('revoked', next, current.revision) : await d.state.create('revoked', next)) break;
      }
      await d.onRevoked();
      return { revoked: true };
    }),
    BackupKey: t({ operation: 'BackupKey', resource: keyInRequest }, async (r) => {
      const keyId = requireKeyId(r);
      await admin('BackupKey', r['auth'], { keyId });
      return { backup: Buffer.from(JSON.stringify(encodeKey(d.keys.exportKey(keyId)))) };
    }),
    RestoreKey: t({ operation: 'RestoreKey', resource: keyInReply }, async (r) => {
      const backup = Buffer.isBuffer(r['backup']) ? r['backup'] : Buffer.alloc(0);
      await admin('RestoreKey', r['auth'], { backup: createHash('sha256').update(backup).digest('base64') });
      let exported;
      try {
        exported = decodeKey(JSON.parse(backup.toString('utf8')) as Record<string, unknown>);
      } catch {
        throw new RpcError(status.INVALID_ARGUMENT, 'backup is not a key backup of this appliance');
      }
      const k = await d.keys.adopt(exported);
      return { keyId: k.id, label: k.label, keyType: k.type, publicKey: Buffer.alloc(0) };
    }),
    // Only the UKey holder gets it, over the admin port's TLS; nothing logs it (docs/hsm-appliance.md "PKCS#11").
    GetCryptoUserPin: t({ operation: 'GetCryptoUserPin', resource: INSTANCE(d.instanceId) }, async (r) => {
      await admin('GetCryptoUserPin', r['auth'], {});
      return d.cryptoUserPin();
    }),
  };
}

function sameKey(pem: string, expected: string): boolean {
  try {
    return createPublicKey(pem).export({ type: 'spki', format: 'der' }).equals(createPublicKey(expected).export({ type: 'spki', format: 'der' }));
  } catch {
    return false;
  }
}
