import { access } from 'node:fs/promises';
import { jetstreamManager } from '@nats-io/jetstream';
import { startTestNats } from './nats.js';

describe('startTestNats', () => {
  it('restart() keeps streams and messages, and an open connection reconnects on its own', async () => {
    const nats = await startTestNats();
    try {
      const nc = await nats.connect({ name: 'restart-probe' });
      const jsm = await jetstreamManager(nc);
      await jsm.streams.add({ name: 'PROBE', subjects: ['probe.>'] });
      await jsm.jetstream().publish('probe.a', 'kept');
      await nats.restart();
      const msg = await (await jetstreamManager(nc)).streams.getMessage('PROBE', { seq: 1 });
      expect(msg?.string()).toBe('kept');
    } finally {
      await nats.stop();
    }
  });

  it('stop() closes the connections it made and removes the temp dir', async () => {
    const nats = await startTestNats();
    const nc = await nats.connect();
    await nats.stop();
    expect(nc.isClosed()).toBe(true);
    await expect(access(nats.dir)).rejects.toThrow(/ENOENT/);
  });

  it('with users admits a configured user and refuses a wrong password', async () => {
    const nats = await startTestNats({ users: [{ user: 'svc', password: 's3cret' }] });
    try {
      const nc = await nats.connect({ user: 'svc', pass: 's3cret' });
      await nc.flush();
      await expect(nats.connect({ user: 'svc', pass: 'nope' })).rejects.toThrow(/Authorization Violation/);
    } finally {
      await nats.stop();
    }
  });
});
