import type { Instant } from '@dew/decider';
import type { EncryptedValue, RotationPrincipal, RotationTrigger } from '../state/secret-set.js';

/** Events of secret rotation (docs/api-decisions.md, "Secret rotation"). The value is sealed: no plaintext. */

/** Auto rotation switched or its period changed; `nextRotationAt` null = no scheduled rotation. */
export interface SecretRotationConfigured {
  readonly type: 'SecretRotationConfigured';
  readonly secretId: string;
  readonly autoRotation: boolean;
  readonly period: string;
  readonly periodMs: number | null;
  readonly nextRotationAt: Instant | null;
  /**
   * Who switched auto rotation on, present when `autoRotation` is true. Events written before DEW
   * recorded it lack it: read as no principal, so scheduled runs fail until auto rotation is set again.
   */
  readonly configuredBy?: RotationPrincipal;
  readonly at: Instant;
}

/** A generated value became the new SYSCURRENT version; the former one keeps SYSPREVIOUS. */
export interface SecretRotated {
  readonly type: 'SecretRotated';
  readonly secretId: string;
  readonly secretName: string;
  readonly taskId: string;
  readonly operateType: RotationTrigger;
  readonly versionId: string;
  readonly value: EncryptedValue;
  readonly removedVersionId: string | null;
  readonly at: Instant;
}

/** A scheduled rotation was refused (the key disabled, say): a FAILED task; the next try is a period on. */
export interface SecretRotationFailed {
  readonly type: 'SecretRotationFailed';
  readonly secretId: string;
  readonly secretName: string;
  readonly taskId: string;
  readonly operateType: RotationTrigger;
  /** The refusal's stable code and message (never a value). */
  readonly errorCode: string;
  readonly errorMessage: string;
  readonly at: Instant;
}

export type RotationEvent = SecretRotationConfigured | SecretRotated | SecretRotationFailed;
