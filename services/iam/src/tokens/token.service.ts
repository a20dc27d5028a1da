import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import type { NatsConnection } from '@nats-io/transport-node';
import { jetstreamManager } from '@nats-io/jetstream';
import { Keyring, type RootKeyProvider } from '@dew/crypto';
import { DewError } from '@dew/contracts';
import { ensureStream } from '@dew/event-store';
import { JetStreamKeyringStorage } from '@dew/event-sourcing';
import { streams, subjects } from '@dew/messaging';
import { NATS_CONNECTION, ROOT_KEY, SERVICE_SETTINGS, type ServiceSettings } from '@dew/nest-kit';

const TOKEN_OWNER = 'token-sealing';
const VERSION = 1;

/** What a token carries; sealed (AES-256-GCM), so it can be neither read nor forged. */
export interface TokenClaims {
  readonly userId: string;
  readonly domainId: string;
  /** The project the token is scoped to, or absent for a domain-scoped token. */
  readonly projectId?: string;
  readonly issuedAt: number;
  readonly expiresAt: number;
  readonly methods: readonly string[];
}

/**
 * Password tokens (`X-Subject-Token`). A token is its claims sealed with the IAM keyring entry
 * `token-sealing` (shared by every IAM instance through KEYRING_IAM, wrapped by the root key).
 * Validation also checks the user is still enabled, so disabling stops tokens at once.
 */
@Injectable()
export class TokenService implements OnModuleInit {
  #keyring!: Keyring;

  constructor(
    @Inject(NATS_CONNECTION) private readonly nc: NatsConnection,
    @Inject(ROOT_KEY) private readonly root: RootKeyProvider,
    @Inject(SERVICE_SETTINGS) private readonly settings: ServiceSettings,
  ) {}

  async onModuleInit(): Promise<void> {
    await ensureStream(await jetstreamManager(this.nc), {
      name: streams.iamKeyring.name,
      subjects: [...streams.iamKeyring.subjects],
      replicas: this.settings.streamReplicas,
    });
    this.#keyring = new Keyring(this.root, new JetStreamKeyringStorage(this.nc, streams.iamKeyring.name, (o) => subjects.keyringEntry('iam', o)));
    if (!(await this.#keyring.exists(TOKEN_OWNER))) {
      // Two instances starting together: the second create is refused by the expected sequence.
      await this.#keyring.create(TOKEN_OWNER).catch(async (err: unknown) => {
        if (!(await this.#keyring.exists(TOKEN_OWNER))) throw err;
      });
    }
  }

  async issue(claims: TokenClaims): Promise<string> {
    const sealed = await this.#keyring.seal(TOKEN_OWNER, VERSION, Buffer.from(JSON.stringify(claims), 'utf8'));
    return `DEW1.${sealed.toString('base64url')}`;
  }

  /** The claims of a valid, unexpired token; KMS.0303 when expired, IAM.0002 when not a token of ours. */
  async open(token: string, now: number): Promise<TokenClaims> {
    if (!token.startsWith('DEW1.') || token.length > 4096) throw new DewError('IAM.0002', 'the token is not valid');
    let claims: TokenClaims;
    try {
      claims = JSON.parse((await this.#keyring.open(TOKEN_OWNER, VERSION, Buffer.from(token.slice(5), 'base64url'))).toString('utf8')) as TokenClaims;
    } catch {
      throw new DewError('IAM.0002', 'the token is not valid');
    }
    if (claims.expiresAt <= now) throw new DewError('KMS.0303', `the token expired at ${new Date(claims.expiresAt).toISOString()}`);
    return claims;
  }
}
