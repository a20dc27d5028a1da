// `node tools/bench-backup.mjs [messages] [bytes]`: how long `dew backup`'s stream snapshot and
// `dew restore`'s stream restore take for N messages (docs/backup.md, "How long it takes"), on a
// nats-server of its own (JetStream, file store) in a temp dir. Needs `npm run build` first.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { jetstream, jetstreamManager } from '@nats-io/jetstream';
import { connect } from '@nats-io/transport-node';
import { findFreePort, startNatsServer } from '../libs/nats-server/dist/index.js';
import { restoreStream, snapshotStream } from '../deploy/local/dist/backup/stream-snapshot.js';
import { randomBytes } from 'node:crypto';

const messages = Number(process.argv[2] ?? 100_000);
const size = Number(process.argv[3] ?? 512);
const dir = mkdtempSync(join(tmpdir(), 'dew-bench-backup-'));
const port = await findFreePort();
writeFileSync(join(dir, 'nats.conf'), `port: ${port}\nhost: 127.0.0.1\njetstream { store_dir: "${join(dir, 'store')}" }\n`);
const nats = await startNatsServer({ configPath: join(dir, 'nats.conf') });
const nc = await connect({ servers: `nats://127.0.0.1:${port}` });
try {
  const jsm = await jetstreamManager(nc);
  const js = jetstream(nc);
  await jsm.streams.add({ name: 'BENCH', subjects: ['bench.>'] });
  // Base64 of random bytes, each message its own: events carry sealed material, which does not compress.
  const body = () => Buffer.from(randomBytes(Math.ceil((size * 3) / 4)).toString('base64').slice(0, size));
  for (let i = 0; i < messages; i += 1000) {
    await Promise.all(Array.from({ length: Math.min(1000, messages - i) }, (_, j) => js.publish(`bench.${(i + j) % 100}`, body(), { msgID: `m${i + j}` })));
  }
  const chunks = [];
  let t = performance.now();
  const cut = await snapshotStream(nc, 'BENCH', '_INBOX.bench', (c) => chunks.push(Buffer.from(c)));
  const snapMs = performance.now() - t;
  const bytes = chunks.reduce((n, c) => n + c.length, 0);
  await jsm.streams.delete('BENCH');
  t = performance.now();
  const state = await restoreStream(nc, cut, (async function* () { yield* chunks; })(), () => undefined);
  const restoreMs = performance.now() - t;
  if (state.messages !== messages) throw new Error(`restored ${state.messages} of ${messages}`);
  console.log(`${messages} messages of ${size} bytes (${(cut.state.bytes / 1048576).toFixed(1)} MiB stored): snapshot ${(bytes / 1048576).toFixed(1)} MiB in ${(snapMs / 1000).toFixed(2)} s, restore in ${(restoreMs / 1000).toFixed(2)} s`);
} finally {
  await nc.close();
  await nats.stop();
  rmSync(dir, { recursive: true, force: true });
}
