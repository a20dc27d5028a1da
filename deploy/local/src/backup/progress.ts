/**
 * The terminal's view of a backup or restore: streams, messages and bytes done. On a terminal the
 * current stream's line is redrawn as its bytes arrive; elsewhere (a log, a test) one line a stream.
 */
export interface TransferProgress {
  /** A stream begins: its place, name and message count. */
  stream(index: number, total: number, name: string, messages: number): void;
  bytes(done: number): void;
  /** The stream is done: its bytes and its messages at the cut. */
  streamDone(bytes: number, messages: number): void;
  line(text: string): void;
}

export function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KiB`;
  return `${(n / 1024 / 1024).toFixed(1)} MiB`;
}

export function terminalProgress(out: NodeJS.WriteStream): TransferProgress {
  const tty = out.isTTY === true;
  let place = '';
  let head = '';
  let totalMessages = 0;
  let totalBytes = 0;
  return {
    stream(index, total, name, count) {
      place = `[${index}/${total}] ${name.padEnd(20)}`;
      head = `${place} ${String(count).padStart(9)} messages`;
      if (tty) out.write(`${head}\r`);
    },
    bytes(done) {
      if (tty) out.write(`${head} ${formatBytes(done).padStart(10)}\r`);
    },
    streamDone(bytes, messages) {
      totalMessages += messages;
      totalBytes += bytes;
      out.write(`${place} ${String(messages).padStart(9)} messages ${formatBytes(bytes).padStart(10)}  (total ${totalMessages} messages, ${formatBytes(totalBytes)})\n`);
    },
    line(text) {
      out.write(`${text}\n`);
    },
  };
}
