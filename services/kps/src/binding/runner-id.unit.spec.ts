import { checkedRunner } from '@dew/kps-domain';
import { runnerIdOf } from './runner-id.js';

describe('runnerIdOf', () => {
  it('the service, its replica slot and host: the same after a restart of that slot', () => {
    expect(runnerIdOf({ service: 'kps', replica: 2 }, 'node-a')).toBe('kps#2@node-a');
    expect(runnerIdOf({ service: 'kps', replica: 2 }, 'node-a')).toBe(runnerIdOf({ service: 'kps', replica: 2 }, 'node-a'));
  });

  it('differs between live processes: replicas of one host (make run), pods that are all replica 1 (a Deployment)', () => {
    expect(runnerIdOf({ service: 'kps', replica: 1 }, 'node-a')).not.toBe(runnerIdOf({ service: 'kps', replica: 2 }, 'node-a'));
    expect(runnerIdOf({ service: 'kps', replica: 1 }, 'dew-kps-5f7c9-x2kq8')).not.toBe(runnerIdOf({ service: 'kps', replica: 1 }, 'dew-kps-5f7c9-q7n4m'));
  });

  it('a host name with spaces or other characters, too long or empty, still makes an id the domain accepts', () => {
    for (const host of ['my laptop (2)', 'h'.repeat(300), '', 'hôte']) {
      const id = runnerIdOf({ service: 'kps', replica: 9 }, host);
      expect(checkedRunner(id)).toBe(id);
    }
    expect(runnerIdOf({ service: 'kps', replica: 1 }, 'my laptop')).toBe('kps#1@my-laptop');
  });

  it('this machine\'s host name by default', () => {
    expect(runnerIdOf({ service: 'kps', replica: 1 })).toMatch(/^kps#1@[A-Za-z0-9.-]{1,64}$/);
  });
});
