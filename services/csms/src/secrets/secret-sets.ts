import { Injectable } from '@nestjs/common';
import { NoProjectInRequest, SecretUnavailablePendingDeletion, UnknownSecret } from '@dew/contracts';
import { decide, findSecretById, findSecretByName, refuseNewSecret, type CreateSecret, type Secret, type SecretSet, type SecretSetCommand, type SecretSetEvent } from '@dew/csms-domain';
import { streams, subjects, type RequestContext } from '@dew/messaging';
import { StreamAggregateDeps, StreamAggregates } from '@dew/nest-kit';
import { csmsSecretSets } from '@dew/read-models';

/** A command that names the secret it changes. */
export type NamedSecretCommand = Extract<SecretSetCommand, { readonly name: string }>;

/**
 * Every project's secret set in memory from EVT_CSMS (the set guards names and the quota), and
 * the service's own lookups, which refuse before the domain decides (names shown raw).
 */
@Injectable()
export class SecretSets extends StreamAggregates<SecretSet, SecretSetEvent> {
  constructor(deps: StreamAggregateDeps) {
    super(deps, csmsSecretSets, streams.csmsEvents.subjects);
  }

  of(projectId: string): SecretSet {
    if (!projectId) throw NoProjectInRequest();
    return this.store.get(subjects.csmsSecrets(projectId)).state;
  }

  /** The refusal `command` would meet now, before its side effects outside the stream (StreamAggregates.decideWithoutAppending). */
  check(ctx: RequestContext, command: SecretSetCommand): void {
    this.decideWithoutAppending(subjects.csmsSecrets(ctx.projectId), (s) => decide(s, command));
  }

  /** A new secret's refusals but its sealed value's, before the value is sealed (refuseNewSecret). */
  checkNew(ctx: RequestContext, secret: Omit<CreateSecret, 'type' | 'value'>): void {
    refuseNewSecret(this.of(ctx.projectId), secret);
  }

  execute(ctx: RequestContext, command: SecretSetCommand, projectId = ctx.projectId) {
    return this.run(ctx, subjects.csmsSecrets(projectId), (s) => decide(s, command));
  }

  /** Executes a command on a named secret and returns that secret as the command left it. */
  async change(ctx: RequestContext, command: NamedSecretCommand): Promise<{ secret: Secret; events: readonly SecretSetEvent[] }> {
    const { state, events } = await this.execute(ctx, command);
    return { secret: existing(findSecretByName(state, command.name), command.name), events };
  }

  /** The caller's secret of that name, in any state (CSMS.0005 if there is none). */
  named(ctx: RequestContext, name: string): Secret {
    return existing(findSecretByName(this.of(ctx.projectId), name), name);
  }

  /** A secret that may be read or changed: not pending deletion (CSMS.0103). */
  usable(ctx: RequestContext, name: string): Secret {
    const secret = this.named(ctx, name);
    if (secret.status === 'PendingDeletion') throw SecretUnavailablePendingDeletion(name);
    return secret;
  }

  /** The caller's secret with that id, in any state (CSMS.0005 if there is none). */
  withId(ctx: RequestContext, secretId: string): Secret {
    return existing(findSecretById(this.of(ctx.projectId), secretId), secretId);
  }
}

function existing(secret: Secret | undefined | null, nameOrId: string): Secret {
  if (!secret) throw UnknownSecret(nameOrId);
  return secret;
}
