import type { NatsConnection } from '@nats-io/transport-node';
import type { StreamConfig, StreamState } from '@nats-io/jetstream';

/**
 * JetStream's own stream snapshot and restore (`$JS.API.STREAM.SNAPSHOT` / `RESTORE`, in
 * nats-server since 2.2; the nats.js client has no call for them, so they are spoken here).
 * A snapshot is the server's store of the stream as an s2-compressed tar: every message with its
 * subject, headers, timestamp and stream sequence, and the gaps erased messages left — so a
 * restored stream is the same stream, sequence for sequence (docs/backup.md, "Why snapshots").
 */

/** The stream's configuration and state when the server began the snapshot: the backup's cut. */
export interface SnapshotCut {
  readonly config: StreamConfig;
  readonly state: StreamState;
}

interface ApiError {
  readonly error?: { readonly code: number; readonly err_code?: number; readonly description: string };
}

const CHUNK_BYTES = 128 * 1024;
const API_TIMEOUT_MS = 30_000;
/** The last chunk's answer comes once the server has unpacked the whole store. */
const RESTORE_END_TIMEOUT_MS = 10 * 60_000;

function apiAnswer<T>(data: Uint8Array, what: string): T {
  const body = JSON.parse(new TextDecoder().decode(data)) as T & ApiError;
  if (body.error) throw new Error(`${what}: nats-server refused (${body.error.code}${body.error.err_code ? `/${body.error.err_code}` : ''}): ${body.error.description}`);
  return body;
}

/**
 * Streams the snapshot of `stream` to `onChunk` (in order), acknowledging each chunk (the server
 * sends the next ones only as acknowledgements come back). Resolves with the cut once the
 * server's end-of-snapshot message arrives.
 */
export async function snapshotStream(nc: NatsConnection, stream: string, inboxPrefix: string, onChunk: (chunk: Uint8Array) => void): Promise<SnapshotCut> {
  const deliver = `${inboxPrefix}.snapshot.${stream}.${Date.now().toString(36)}`;
  let settle!: { resolve: () => void; reject: (err: Error) => void };
  const ended = new Promise<void>((resolve, reject) => (settle = { resolve, reject }));
  const sub = nc.subscribe(deliver, {
    callback: (err, m) => {
      if (err) return settle.reject(err);
      if (m.data.length === 0) {
        // The end: an empty message, with a status header when the server gave up.
        const code = m.headers?.code ?? 0;
        return code >= 400 ? settle.reject(new Error(`snapshot of ${stream} ended with ${code} ${m.headers?.description ?? ''}`)) : settle.resolve();
      }
      try {
        onChunk(m.data);
      } catch (e) {
        return settle.reject(e as Error);
      }
      if (m.reply) m.respond();
    },
  });
  try {
    const reply = await nc.request(`$JS.API.STREAM.SNAPSHOT.${stream}`, JSON.stringify({ deliver_subject: deliver, no_consumers: true, chunk_size: CHUNK_BYTES }), { timeout: API_TIMEOUT_MS });
    const cut = apiAnswer<SnapshotCut>(reply.data, `snapshot of ${stream}`);
    await ended;
    return { config: cut.config, state: cut.state };
  } finally {
    sub.unsubscribe();
  }
}

/**
 * Creates `config.name` from a snapshot (the stream must not exist), sending the chunks one by
 * one, each acknowledged before the next; `onSent` gets the bytes sent so far. Resolves with the
 * restored stream's state.
 */
export async function restoreStream(nc: NatsConnection, cut: SnapshotCut, chunks: AsyncIterable<Uint8Array>, onSent: (bytes: number) => void): Promise<StreamState> {
  const name = cut.config.name;
  const reply = await nc.request(`$JS.API.STREAM.RESTORE.${name}`, JSON.stringify({ config: cut.config, state: cut.state }), { timeout: API_TIMEOUT_MS });
  const { deliver_subject } = apiAnswer<{ deliver_subject: string }>(reply.data, `restore of ${name}`);
  let sent = 0;
  for await (const chunk of chunks) {
    for (let offset = 0; offset < chunk.length; offset += CHUNK_BYTES) {
      const part = chunk.subarray(offset, offset + CHUNK_BYTES);
      const ack = await nc.request(deliver_subject, part, { timeout: API_TIMEOUT_MS });
      if (ack.data.length > 0) apiAnswer(ack.data, `restore of ${name}`);
      sent += part.length;
      onSent(sent);
    }
  }
  const end = await nc.request(deliver_subject, new Uint8Array(0), { timeout: RESTORE_END_TIMEOUT_MS });
  return apiAnswer<{ state: StreamState }>(end.data, `restore of ${name}`).state;
}
