import { UsageError } from './usage-error.js';

/** Asks the person at the terminal; a hidden answer is not echoed. */
export interface Prompter {
  ask(question: string, hidden: boolean): Promise<string>;
  /** Done asking: the terminal goes back to how it was. */
  close?(): void;
}

interface Terminal extends NodeJS.ReadableStream {
  setRawMode?(raw: boolean): unknown;
}

const CTRL_C = 0x03;
const CTRL_D = 0x04;
const BACKSPACE = [0x08, 0x7f];
const ESC = 0x1b;

/**
 * The prompter of an interactive terminal (`input` and `output` are TTYs; the caller checks). The
 * terminal is read raw and every byte is echoed by the rules of the question it answers, so lines
 * pasted at once (an access key and its SK) are never echoed under the wrong question's rules:
 * a line-mode reader would echo the whole paste while the first, visible question is open.
 */
export function terminalPrompter(input: Terminal, output: NodeJS.WritableStream): Prompter {
  const received: number[] = [];
  let wake: (() => void) | null = null;
  let ended = false;
  let attached = false;
  const onData = (chunk: Buffer | string) => {
    for (const byte of typeof chunk === 'string' ? Buffer.from(chunk) : chunk) received.push(byte);
    wake?.();
  };
  const onEnd = () => {
    ended = true;
    wake?.();
  };
  const next = async (): Promise<number | null> => {
    while (received.length === 0) {
      if (ended) return null;
      await new Promise<void>((resolve) => (wake = resolve));
      wake = null;
    }
    return received.shift()!;
  };
  return {
    async ask(question, hidden) {
      if (!attached) {
        attached = true;
        input.setRawMode?.(true);
        input.on('data', onData);
        input.on('end', onEnd);
        input.resume();
      }
      output.write(question);
      const typed: number[] = [];
      try {
        for (;;) {
          const byte = await next();
          if (byte === null || byte === 0x0d || byte === 0x0a || (byte === CTRL_D && typed.length === 0)) {
            if (byte === 0x0d && received[0] === 0x0a) received.shift();
            break;
          }
          if (byte === CTRL_C) throw new UsageError('cancelled', 'dew configure');
          if (BACKSPACE.includes(byte)) {
            // One character back: a UTF-8 sequence's continuation bytes go with it.
            while (typed.length > 0 && ((typed.pop() ?? 0) & 0xc0) === 0x80);
            if (!hidden) output.write('\b \b');
            continue;
          }
          if (byte === ESC) {
            // An arrow or function key (ESC [ … final byte): not part of an answer.
            if (received[0] === 0x5b) {
              received.shift();
              for (let b = await next(); b !== null && (b < 0x40 || b > 0x7e); b = await next());
            }
            continue;
          }
          if (byte < 0x20) continue;
          typed.push(byte);
          if (!hidden) output.write(Buffer.from([byte]));
        }
      } finally {
        output.write('\n');
      }
      return Buffer.from(typed).toString('utf8').trim();
    },
    close() {
      if (!attached) return;
      attached = false;
      input.off('data', onData);
      input.off('end', onEnd);
      input.setRawMode?.(false);
      input.pause();
    },
  };
}
