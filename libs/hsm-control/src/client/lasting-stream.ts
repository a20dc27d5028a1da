import type { ClientReadableStream } from '@grpc/grpc-js';

const REOPEN_MS = 200;

/** A server stream that is opened again whenever it ends (a restarted control plane), until stopped. */
export interface LastingStream {
  stop(): void;
}

/**
 * Opens `open()` and feeds its messages to `onData`; resolves once the first opening answered
 * (its headers: the source runs) or failed, so a start never hangs on a control plane that is down.
 */
export function lastingStream(
  open: () => ClientReadableStream<unknown>,
  onData: (message: unknown) => void,
  /** Hears the handle at once, before the opening is answered: it can stop a stream still being opened. */
  onHandle?: (handle: LastingStream) => void,
): Promise<LastingStream> {
  let stopped = false;
  let current: ClientReadableStream<unknown> | undefined;
  return new Promise((started) => {
    const attach = (): void => {
      if (stopped) return;
      const call = open();
      current = call;
      call.on('data', onData);
      call.once('metadata', () => started(handle));
      // Every end is followed by 'status'; the error itself needs a listener but nothing else.
      call.on('error', () => undefined);
      call.once('status', () => {
        started(handle);
        if (!stopped) setTimeout(attach, REOPEN_MS).unref();
      });
    };
    const handle: LastingStream = {
      stop: () => {
        stopped = true;
        current?.cancel();
      },
    };
    onHandle?.(handle);
    attach();
  });
}
