import { checkedText } from '../rules/text.js';

/** A runner id names a KPS process slot, e.g. `kps#2@host` (docs/kps.md, "Bind tasks"). */
export const TASK_RUNNER_MAX = 128;

export function checkedRunner(runner: unknown): string {
  return checkedText('runner', runner, { min: 1, max: TASK_RUNNER_MAX, char: { pattern: /[\x21-\x7e]/u, text: 'printable ASCII without spaces' } });
}
