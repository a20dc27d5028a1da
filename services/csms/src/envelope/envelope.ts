import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import type { NatsConnection } from '@nats-io/transport-node';
import { jetstreamManager } from '@nats-io/jetstream';
import {
  DewError, KmsKeyActionDenied, KmsKeyCannotProtectSecrets, KmsKeyUseDenied, SecretKmsKeyUnusable, SecretValueAltered, kmsOperations,
  type Operation,
} from '@dew/contracts';
import { OwnerKeys, type RootKeyProvider } from '@dew/crypto';
import type { EncryptedValue } from '@dew/csms-domain';
import { ensureStream } from '@dew/event-store';
import { JetStreamKeyringStorage } from '@dew/event-sourcing';
import { streams, subjects, type IamDecision, type RequestContext } from '@dew/messaging';
import { Bus, IamDecisions, NATS_CONNECTION, ROOT_KEY, SERVICE_SETTINGS, type ServiceSettings } from '@dew/nest-kit';

/**
 * A version's value as it can leave this deployment (backups): the data key encrypted by the KMS
 * key, and the value encrypted by the data key. Useless without that KMS key.
 */
export interface PortableValue {
  readonly kmsKeyId: string;
  readonly dataKey: string;
  readonly iv: string;
  readonly tag: string;
  readonly ciphertext: string;
}

const KMS_KEY_REFUSALS: Readonly<Record<string, string>> = {
  'KMS.0207': 'does not exist',
  'KMS.0209': 'is disabled or waits for key material',
  'KMS.0210': 'is pending deletion',
};

/** The KMS action a secret operation depends on (docs/authorization.md "CSMS and KMS"). */
export const CREATE_DATA_KEY = 'kms:cmk:createDataKey';
export const DECRYPT_DATA_KEY = 'kms:cmk:decryptDataKey';
export type DependentAction = typeof CREATE_DATA_KEY | typeof DECRYPT_DATA_KEY;

/**
 * Envelope encryption of secret values: each version gets a fresh data key from KMS
 * (`create-datakey` over NATS with the secret's key); only the KMS ciphertext of the data key is
 * kept. Locally the portable value is sealed again under the secret's own keyring entry, so
 * deleting a secret erases it for good even while its KMS key lives on. Every data-key call
 * carries the caller's own IAM decision on the dependent KMS action for that key, so a secret
 * never opens a key its caller could not use (docs/authorization.md "CSMS and KMS").
 */
@Injectable()
export class Envelope implements OnModuleInit {
  #keyring!: OwnerKeys;

  constructor(
    @Inject(NATS_CONNECTION) private readonly nc: NatsConnection,
    @Inject(ROOT_KEY) private readonly root: RootKeyProvider,
    @Inject(SERVICE_SETTINGS) private readonly settings: ServiceSettings,
    private readonly iam: IamDecisions,
    private readonly bus: Bus,
  ) {}

  async onModuleInit(): Promise<void> {
    await ensureStream(await jetstreamManager(this.nc), { name: streams.csmsKeyring.name, subjects: [...streams.csmsKeyring.subjects], replicas: this.settings.streamReplicas });
    this.#keyring = new OwnerKeys(this.root, new JetStreamKeyringStorage(this.nc, streams.csmsKeyring.name, (o) => subjects.keyringEntry('csms', o)));
  }

  createEntry(owner: string): Promise<void> {
    return this.#keyring.create(owner);
  }

  eraseEntry(owner: string): Promise<void> {
    return this.#keyring.destroy(owner);
  }

  /**
   * The KMS key a new secret uses: the caller's, or `csms/default`, created on first use (K3).
   * Creating the default key is the service's own business; using it is the caller's, as any key.
   */
  async keyFor(ctx: RequestContext, kmsKeyId: string | undefined): Promise<string> {
    if (kmsKeyId) return kmsKeyId;
    return (await this.#kms<{ key_id: string }>({ ...ctx, iamDecision: 'Allow' }, kmsOperations.ensureDefaultKey, { service: 'csms' }, 'csms/default')).key_id;
  }

  /**
   * For secret operations that make no KMS call of their own (backup, restore, a key change):
   * the caller needs IAM's Allow on the dependent action for the key, since no grant is consulted.
   */
  async requireAllowed(ctx: RequestContext, action: DependentAction, kmsKeyId: string): Promise<void> {
    const decision = await this.#decision(ctx, action, kmsKeyId);
    if (decision !== 'Allow') throw KmsKeyActionDenied(ctx.userName, action, kmsKeyId, 'no policy allows it');
  }

  /** A change of a secret's KMS key needs that Allow on create-datakey for the new key; keeping the key needs nothing. */
  async requireKeyChangeAllowed(ctx: RequestContext, newKmsKeyId: string | undefined): Promise<void> {
    if (newKmsKeyId !== undefined) await this.requireAllowed(ctx, CREATE_DATA_KEY, newKmsKeyId);
  }

  async seal(ctx: RequestContext, owner: string, kmsKeyId: string, aad: string, value: Buffer): Promise<EncryptedValue> {
    const { dataKey, wrapped } = await this.#createDataKey(await this.#asCaller(ctx, CREATE_DATA_KEY, kmsKeyId), kmsKeyId);
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
  async sealPortable(owner: string, portable: PortableValue): Promise<EncryptedValue> {
    const sealed = await this.#keyring.seal(owner, 1, Buffer.from(JSON.stringify(portable), 'utf8'));
    return { kmsKeyId: portable.kmsKeyId, sealed: sealed.toString('base64'), owner };
  }

  /** Opens a value of secret `secretId` under the entry that sealed it. */
  async portable(secretId: string, value: EncryptedValue): Promise<PortableValue> {
    return JSON.parse((await this.#keyring.open(value.owner ?? secretId, 1, Buffer.from(value.sealed, 'base64'))).toString('utf8')) as PortableValue;
  }

  async open(ctx: RequestContext, secretId: string, aad: string, value: EncryptedValue): Promise<Buffer> {
    return this.openPortable(ctx, aad, await this.portable(secretId, value));
  }

  async openPortable(ctx: RequestContext, aad: string, p: PortableValue): Promise<Buffer> {
    const dataKey = await this.openDataKey(ctx, p.kmsKeyId, p.dataKey);
    try {
      const decipher = createDecipheriv('aes-256-gcm', dataKey, Buffer.from(p.iv, 'base64'));
      decipher.setAAD(Buffer.from(aad, 'utf8'));
      decipher.setAuthTag(Buffer.from(p.tag, 'base64'));
      return Buffer.concat([decipher.update(Buffer.from(p.ciphertext, 'base64')), decipher.final()]);
    } catch {
      throw SecretValueAltered();
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
    if (decision === 'ExplicitDeny') throw KmsKeyActionDenied(ctx.userName, action, kmsKeyId, 'an explicit Deny applies');
    const iamDecision: IamDecision = decision;
    return { ...ctx, iamDecision };
  }

  async #decision(ctx: RequestContext, action: DependentAction, kmsKeyId: string) {
    return (await this.iam.decide(ctx, [action], kmsKeyId)).get(action) ?? 'NoAllow';
  }

  async #kms<T>(ctx: RequestContext, op: Operation, body: Record<string, unknown>, keyId: string): Promise<T> {
    try {
      return (await this.bus.call(op, body, ctx)) as T;
    } catch (err) {
      if (err instanceof DewError) {
        if (err.code === 'KMS.0306') throw KmsKeyUseDenied(ctx.userName, keyId, op.name);
        const why = KMS_KEY_REFUSALS[err.code];
        if (why) throw SecretKmsKeyUnusable(keyId, why);
        if (err.code === 'KMS.0308') throw KmsKeyCannotProtectSecrets(keyId, err.message);
      }
      throw err;
    }
  }
}
