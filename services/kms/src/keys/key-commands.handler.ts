import { Injectable, type OnModuleInit } from '@nestjs/common';
import {
  integerField,
  KeyNotFound,
  KeyOpRequest,
  ScheduleKeyDeletionRequest,
  UpdateKeyAliasRequest,
  UpdateKeyDescriptionRequest,
  validateBody,
} from '@dew/contracts';
import { decide, findKey, keyStateCode, type Keyring, type KeyringCommand, type LiveCmk } from '@dew/kms-domain';
import type { RequestContext } from '@dew/messaging';
import { Clock, RpcRegistry } from '@dew/nest-kit';
import { Keyrings } from './keyrings.js';

type KeyCommand = Extract<KeyringCommand, { keyId: string }>;

interface KeyCommandRoute {
  readonly build: (body: unknown, now: number) => KeyCommand;
  readonly reply: (key: LiveCmk) => object;
}

const keyInfoState = (k: LiveCmk) => ({ key_info: { key_id: k.keyId, key_state: keyStateCode(k.status) } });
const keyIdState = (k: LiveCmk) => ({ key_id: k.keyId, key_state: keyStateCode(k.status) });

/**
 * The key-scoped state changes: each route builds its command from the request,
 * and the answer is the key as the decision left it. One table, one code path.
 */
const routes: Record<string, KeyCommandRoute> = {
  'kms.enable-key': route(KeyOpRequest, (r, now) => ({ type: 'EnableKey', keyId: r.key_id, now }), keyInfoState),
  'kms.disable-key': route(KeyOpRequest, (r, now) => ({ type: 'DisableKey', keyId: r.key_id, now }), keyInfoState),
  'kms.schedule-key-deletion': route(
    ScheduleKeyDeletionRequest,
    (r, now) => ({ type: 'ScheduleKeyDeletion', keyId: r.key_id, pendingDays: integerField('pending_days', r.pending_days), now }),
    keyIdState,
  ),
  'kms.cancel-key-deletion': route(KeyOpRequest, (r, now) => ({ type: 'CancelKeyDeletion', keyId: r.key_id, now }), keyIdState),
  'kms.update-key-alias': route(
    UpdateKeyAliasRequest,
    (r, now) => ({ type: 'UpdateKeyAlias', keyId: r.key_id, alias: r.key_alias, now }),
    (k) => ({ key_info: { key_id: k.keyId, key_alias: k.alias } }),
  ),
  'kms.update-key-description': route(
    UpdateKeyDescriptionRequest,
    (r, now) => ({ type: 'UpdateKeyDescription', keyId: r.key_id, description: r.key_description, now }),
    (k) => ({ key_info: { key_id: k.keyId, key_description: k.description } }),
  ),
};

function route<R extends object>(dto: new () => R, command: (req: R, now: number) => KeyCommand, reply: (key: LiveCmk) => object): KeyCommandRoute {
  return { build: (body, now) => command(validateBody(dto, body), now), reply };
}

@Injectable()
export class KeyCommandsHandler implements OnModuleInit {
  constructor(
    private readonly keyrings: Keyrings,
    private readonly clock: Clock,
    private readonly rpc: RpcRegistry,
  ) {}

  onModuleInit(): void {
    for (const [subject, r] of Object.entries(routes)) {
      this.rpc.register(subject, (body, ctx) => this.handle(r, body, ctx));
    }
  }

  async handle(r: KeyCommandRoute, body: unknown, ctx: RequestContext): Promise<object> {
    const command = r.build(body, this.clock.now());
    const { state } = await this.keyrings.execute(ctx, (s: Keyring) => decide(s, command));
    const key = findKey(state, command.keyId);
    if (!key) throw KeyNotFound();
    return r.reply(key);
  }
}
