import { PROVISIONED_STREAMS } from '@dew/messaging';
import { backedUpStreams } from './backup.js';

describe('what dew backup snapshots, in which order', () => {
  it('every provisioned stream and KV bucket, once', () => {
    expect([...backedUpStreams()].sort()).toEqual([...PROVISIONED_STREAMS].sort());
  });

  it('event streams before keyrings, keyrings before AUDIT, the ROOT_KEY ring last (docs/backup.md, "Consistency")', () => {
    const order = backedUpStreams();
    const at = (name: string) => order.indexOf(name);
    const last = (prefix: string) => Math.max(...order.filter((n) => n.startsWith(prefix)).map(at));
    const first = (prefix: string) => Math.min(...order.filter((n) => n.startsWith(prefix)).map(at));
    expect(last('EVT_')).toBeLessThan(first('KEYRING_'));
    expect(last('KEYRING_')).toBeLessThan(at('AUDIT'));
    expect(order.at(-1)).toBe('ROOT_KEY');
  });
});
