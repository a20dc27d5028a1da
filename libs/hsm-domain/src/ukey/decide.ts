import { HsmUkeyAlreadyDownloaded, HsmUkeyUnavailable } from '@dew/contracts';
import type { Instant } from '@dew/decider';
import { assertNever } from '@dew/decider';
import { requireStatus } from '../state/guards.js';
import type { HsmSet } from '../state/hsm-set.js';
import type { HsmUkeyEvent } from './events.js';

/** The administrator takes the UKey's private half: once, from activation on (guide §4.2.3). */
export interface DownloadHsmUkey {
  readonly type: 'DownloadHsmUkey';
  readonly instanceId: string;
  /** Whether the service still holds the sealed private half (a crash may have lost it). */
  readonly kept: boolean;
  readonly now: Instant;
}

export type HsmUkeyCommand = DownloadHsmUkey;

function download(state: HsmSet, cmd: DownloadHsmUkey): HsmUkeyEvent[] {
  const instance = requireStatus(state, cmd.instanceId, 'downloading the UKey', ['Creating', 'Running', 'Frozen']);
  const ukey = instance.ukey;
  if (!ukey) throw HsmUkeyUnavailable(instance.id, 'was activated before UKeys were issued and has none');
  if (ukey.downloadedAt !== null) throw HsmUkeyAlreadyDownloaded(instance.id, new Date(ukey.downloadedAt).toISOString());
  if (!cmd.kept) throw HsmUkeyUnavailable(instance.id, 'has a UKey whose private half the service no longer holds (lost before its download)');
  return [{ type: 'HsmUkeyDownloaded', instanceId: instance.id, fingerprint: ukey.fingerprint, at: cmd.now }];
}

export function decideUkey(state: HsmSet, command: HsmUkeyCommand): readonly HsmUkeyEvent[] {
  switch (command.type) {
    case 'DownloadHsmUkey':
      return download(state, command);
    default:
      return assertNever(command.type);
  }
}
