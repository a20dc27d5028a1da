import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import type { NatsConnection } from '@nats-io/transport-node';
import { jetstreamManager } from '@nats-io/jetstream';
import { DewError, kmsOperations, type Operation } from '@dew/contracts';
import { OwnerKeys, type RootKeyProvider } from '@dew/crypto';
import { ensureStream } from '@dew/event-store';
import { JetStreamKeyringStorage } from '@dew/event-sourcing';
import { subjects, type IamDecision, type RequestContext } from '@dew/messaging';
import { Inject, Injectable } from '@nestjs/common';
import { NATS_CONNECTION, ROOT_KEY, SERVICE_SETTINGS, type ServiceSettings } from '../config.js';
import { IamDecisions } from '../iam-decisions.js';
import { Bus } from '../bus/bus-client.js';

/**
 * A value as it can leave this deployment (backups): the data key encrypted by the KMS key, and the
 * value encrypted by the data key. Useless without that KMS key.
 */
export interface PortableValue {
  readonly kmsKeyId: string;
  readonly dataKey: string;
  readonly iv: string;
  readonly tag: string;
  readonly ciphertext: string;
}

/** A value sealed under a KMS key and the keyring entry `owner`: opaque to domains. */
export interface SealedValue {
  readonly kmsKeyId: string;
  readonly sealed: string;
  readonly owner: string;
}

/** The KMS action an envelope operation depends on (docs/authorization.md "CSMS and KMS"). */
export const CREATE_DATA_KEY = 'kms:cmk:createDataKey';
export const DECRYPT_DATA_KEY = 'kms:cmk:decryptDataKey';
export type DependentAction = typeof CREATE_DATA_KEY | typeof DECRYPT_DATA_KEY;

/** How a service words KMS's refusals in its own error family. */
export interface EnvelopeRefusals {
  useDenied(userName: string, kmsKeyId: string, verb: string): DewError;
  actionDenied(userName: string, action: string, kmsKeyId: string, why: string): DewError;
  keyUnusable(kmsKeyId: string, why: string): DewError;
  cannotProtect(kmsKeyId: string, detail: string): DewError;
  /** The sealed value failed authentication. */
  altered(): DewError;
}

/** What every envelope needs from its service, injected once (a service's envelope adds only its config). */
@Injectable()
export class EnvelopeDeps {
  constructor(
    @Inject(NATS_CONNECTION) readonly nc: NatsConnection,
    @Inject(ROOT_KEY) readonly root: RootKeyProvider,
    @Inject(SERVICE_SETTINGS) readonly settings: ServiceSettings,
    readonly iam: IamDecisions,
    readonly bus: Bus,
  ) {}
}

export interface EnvelopeConfig {
  /** The service whose values these are: its keyring stream, its default key `<service>/default`. */
  readonly service: string;
  readonly keyringStream: { readonly name: string; readonly subjects: readonly string[] };
  readonly refusals: EnvelopeRefusals;
}

const KMS_KEY_REFUSALS: Readonly<Record<string, string>> = {
  'KMS.0207': 'does not exist',
  'KMS.0209': 'is disabled or waits for key material',
  'KMS.0210': 'is pending deletion',
};

/**
 * Envelope encryption under a KMS key (docs/authorization.md "CSMS and KMS"): each value gets a
 * fresh data key from KMS (`create-datakey` over NATS); only the KMS ciphertext of the data key is
 * kept. Locally the portable value is sealed again under the value's own keyring entry, so erasing
 * that entry crypto-shreds the value even while its KMS key lives on. Every data-key call carries
 * the caller's own IAM decision on the dependent KMS action for that key, so a service never opens
 * a key its caller could not use.
 */
export class KmsEnvelope {
  #keyring!: OwnerKeys;

  constructor(private readonly deps: EnvelopeDeps, private readonly config: EnvelopeConfig) {}

  async onModuleInit(): Promise<void> {
    const { nc, root, settings } = this.deps;
    const { name, subjects: streamSubjects } = this.config.keyringStream;
    await ensureStream(await jetstreamManager(nc), { name, subjects: [...streamSubjects], replicas: settings.streamReplicas });
    this.#keyring = new OwnerKeys(root, new JetStreamKeyringStorage(nc, name, (o) => subjects.keyringEntry(this.config.service, o)));
  }

  createEntry(owner: string): Promise<void> {
    return this.#keyring.create(owner);
  }

  eraseEntry(owner: string): Promise<void> {
    return this.#keyring.destroy(owner);
  }

  /** A keyed digest under the keyring entry `owner`: a key derived on demand, never stored, gone with the entry. */
  mac(owner: string, data: Uint8Array): Promise<string> {
    return this.#keyring.mac(owner, data);
  }

  /**
   * The KMS key a new value uses: the caller's, or `<service>/default`, created on first use (K3).
   * Creating the default key is the service's own business; using it is the caller's, as any key.
   */
  async keyFor(ctx: RequestContext, kmsKeyId: string | undefined): Promise<string> {
    if (kmsKeyId) return kmsKeyId;
    const reply = await this.#kms<{ key_id: string }>({ ...ctx, iamDecision: 'Allow' }, kmsOperations.ensureDefaultKey, { service: this.config.service }, `${this.config.service}/default`);
    return reply.key_id;
  }

  /**
   * For backup and restore: the caller needs IAM's Allow on the dependent action for the key, as
   * no grant is consulted (backup also opens a data key per key as the caller, so the key policy applies).
   */
  async requireAllowed(ctx: RequestContext, action: DependentAction, kmsKeyId: string): Promise<void> {
    const decision = await this.#decision(ctx, action, kmsKeyId);
    if (decision !== 'Allow') throw this.config.refusals.actionDenied(ctx.userName, action, kmsKeyId, 'no policy allows it');
  }

  /**
   * KMS's full decision (IAM, the key's grants, its key policy) that the caller may have data keys
   * made under `kmsKeyId`: a create-datakey as the caller, its key discarded. For a key change or a
   * switch to auto rotation, whose later values are sealed as this caller. null: nothing to prove.
   */
  async requireKeyUsable(ctx: RequestContext, kmsKeyId: string | null): Promise<void> {
    if (kmsKeyId === null) return;
    (await this.#createDataKey(await this.#asCaller(ctx, CREATE_DATA_KEY, kmsKeyId), kmsKeyId)).dataKey.fill(0);
  }

  /** Seals as `ctx`'s principal: its IAM decision on create-datakey for the key, then KMS's grants and key policy. */
  async seal(ctx: RequestContext, owner: string, kmsKeyId: string, aad: string, value: Buffer): Promise<SealedValue> {
    return this.#sealAs(await this.#asCaller(ctx, CREATE_DATA_KEY, kmsKeyId), owner, kmsKeyId, aad, value);
  }

  async #sealAs(asCtx: RequestContext, owner: string, kmsKeyId: string, aad: string, value: Buffer): Promise<SealedValue> {
    const { dataKey, wrapped } = await this.#createDataKey(asCtx, kmsKeyId);
    try {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', dataKey, iv);
      cipher.setAAD(Buffer.from(aad, 'utf8'));
      const ciphertext = Buffer.concat([cipher.update(value), cipher.final()]);
      const portable: PortableValue = { kmsKeyId, dataKey: wrapped, iv: iv.toString('base64'), tag: cipher.getAuthTag().toString('base64'), ciphertext: ciphertext.toString('base64') };
      return this.sealPortable(owner, portable);
    } finally {
      dataKey.fill(0);
    }
  }

  /** Seals under the keyring entry `owner` and records it in the value. */
  async sealPortable(owner: string, portable: PortableValue): Promise<SealedValue> {
    const sealed = await this.#keyring.seal(owner, 1, Buffer.from(JSON.stringify(portable), 'utf8'));
    return { kmsKeyId: portable.kmsKeyId, sealed: sealed.toString('base64'), owner };
  }

  /** Opens a value under the entry that sealed it (`fallbackOwner` for values that name none). */
  async portable(fallbackOwner: string, value: { readonly sealed: string; readonly owner?: string }): Promise<PortableValue> {
    return JSON.parse((await this.#keyring.open(value.owner ?? fallbackOwner, 1, Buffer.from(value.sealed, 'base64'))).toString('utf8')) as PortableValue;
  }

  async open(ctx: RequestContext, fallbackOwner: string, aad: string, value: { readonly sealed: string; readonly owner?: string }): Promise<Buffer> {
    return this.openPortable(ctx, aad, await this.portable(fallbackOwner, value));
  }

  async openPortable(ctx: RequestContext, aad: string, p: PortableValue): Promise<Buffer> {
    const dataKey = await this.openDataKey(ctx, p.kmsKeyId, p.dataKey);
    try {
      const decipher = createDecipheriv('aes-256-gcm', dataKey, Buffer.from(p.iv, 'base64'));
      decipher.setAAD(Buffer.from(aad, 'utf8'));
      decipher.setAuthTag(Buffer.from(p.tag, 'base64'));
      return Buffer.concat([decipher.update(Buffer.from(p.ciphertext, 'base64')), decipher.final()]);
    } catch {
      throw this.config.refusals.altered();
    } finally {
      dataKey.fill(0);
    }
  }

  /**
   * A fresh data key under `kmsKeyId` that seals a backup (docs/backup-format.md). The backup has
   * already required the caller's IAM Allow on decrypt-datakey for this key, which is what opening
   * the backup takes; making the key is the service's own step.
   */
  backupDataKey(ctx: RequestContext, kmsKeyId: string): Promise<{ dataKey: Buffer; wrapped: string }> {
    return this.#createDataKey({ ...ctx, iamDecision: 'Allow' }, kmsKeyId);
  }

  /** decrypt-datakey as the caller (IAM's decision, else the key's grants decide). */
  async openDataKey(ctx: RequestContext, kmsKeyId: string, wrapped: string): Promise<Buffer> {
    const asCaller = await this.#asCaller(ctx, DECRYPT_DATA_KEY, kmsKeyId);
    const dk = await this.#kms<{ data_key: string }>(asCaller, kmsOperations.decryptDatakey, { key_id: kmsKeyId, cipher_text: wrapped, datakey_cipher_length: '32' }, kmsKeyId);
    return Buffer.from(dk.data_key, 'hex');
  }

  async #createDataKey(asCtx: RequestContext, kmsKeyId: string): Promise<{ dataKey: Buffer; wrapped: string }> {
    const dk = await this.#kms<{ plain_text: string; cipher_text: string }>(asCtx, kmsOperations.createDatakey, { key_id: kmsKeyId, datakey_length: '256' }, kmsKeyId);
    return { dataKey: Buffer.from(dk.plain_text, 'hex'), wrapped: dk.cipher_text };
  }

  /** The context KMS gets: the caller's own decision (NoAllow lets the key's grants decide); a Deny stops here. */
  async #asCaller(ctx: RequestContext, action: DependentAction, kmsKeyId: string): Promise<RequestContext> {
    const decision = await this.#decision(ctx, action, kmsKeyId);
    if (decision === 'ExplicitDeny') throw this.config.refusals.actionDenied(ctx.userName, action, kmsKeyId, 'an explicit Deny applies');
    const iamDecision: IamDecision = decision;
    return { ...ctx, iamDecision };
  }

  async #decision(ctx: RequestContext, action: DependentAction, kmsKeyId: string) {
    return (await this.deps.iam.decide(ctx, [action], kmsKeyId)).get(action) ?? 'NoAllow';
  }

  async #kms<T>(ctx: RequestContext, op: Operation, body: Record<string, unknown>, keyId: string): Promise<T> {
    try {
      return (await this.deps.bus.call(op, body, ctx)) as T;
    } catch (err) {
      if (err instanceof DewError) {
        const { refusals } = this.config;
        if (err.code === 'KMS.0306') throw refusals.useDenied(ctx.userName, keyId, op.name);
        if (err.code === 'KMS.2804') throw refusals.actionDenied(ctx.userName, op.permission?.action ?? op.name, keyId, 'its key policy denies it');
        const why = KMS_KEY_REFUSALS[err.code];
        if (why) throw refusals.keyUnusable(keyId, why);
        if (err.code === 'KMS.0308') throw refusals.cannotProtect(keyId, err.message);
      }
      throw err;
    }
  }
}
