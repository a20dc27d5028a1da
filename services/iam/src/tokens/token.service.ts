import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import type { NatsConnection } from '@nats-io/transport-node';
import { jetstreamManager } from '@nats-io/jetstream';
import { OwnerKeys, SealedClaims, type RootKeyProvider } from '@dew/crypto';
import { AuthenticationFailed, TokenInvalid } from '@dew/contracts';
import { ensureStream } from '@dew/event-store';
import { JetStreamKeyringStorage } from '@dew/event-sourcing';
import { streams, subjects } from '@dew/messaging';
import { NATS_CONNECTION, ROOT_KEY, SERVICE_SETTINGS, type ServiceSettings } from '@dew/nest-kit';

const TOKEN_OWNER = 'token-sealing';

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
 * Password tokens (`X-Subject-Token`): claims sealed with the IAM keyring entry `token-sealing`
 * (shared by every IAM instance through KEYRING_IAM, wrapped by the root key). Whether an open
 * token still answers (revocation, project scope) is checkTokenUse's question (token-use.ts).
 */
@Injectable()
export class TokenService implements OnModuleInit {
  #tokens!: SealedClaims<TokenClaims>;

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
    const keyring = new OwnerKeys(this.root, new JetStreamKeyringStorage(this.nc, streams.iamKeyring.name, (o) => subjects.keyringEntry('iam', o)));
    this.#tokens = new SealedClaims(keyring, TOKEN_OWNER, 'DEW1.');
    await this.#tokens.ensure();
  }

  issue(claims: TokenClaims): Promise<string> {
    return this.#tokens.seal(claims);
  }

  /** The claims of a valid, unexpired token; KMS.0303 when expired, IAM.0002 when not a token of ours. */
  async open(token: string, now: number): Promise<TokenClaims> {
    const claims = token.length > 4096 ? null : await this.#tokens.open(token);
    if (!claims) throw TokenInvalid();
    if (claims.expiresAt <= now) throw AuthenticationFailed('KMS.0303', `the token expired at ${new Date(claims.expiresAt).toISOString()}`);
    return claims;
  }
}
