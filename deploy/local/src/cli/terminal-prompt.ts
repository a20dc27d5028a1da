import { createInterface } from 'node:readline/promises';
import { Writable } from 'node:stream';
import { UsageError } from './usage-error.js';

/** Asks the person at the terminal; a hidden answer is not echoed. */
export interface Prompter {
  ask(question: string, hidden: boolean): Promise<string>;
}

/** The prompter of an interactive terminal: `input` and `output` must be TTYs (the caller checks). */
export function terminalPrompter(input: NodeJS.ReadableStream, output: NodeJS.WritableStream): Prompter {
  return {
    async ask(question, hidden) {
      let muted = false;
      // readline echoes what is typed through its output: muted while a hidden answer is typed.
      const echo = new Writable({
        write(chunk, encoding, done) {
          if (!muted) output.write(chunk, encoding);
          done();
        },
      });
      const rl = createInterface({ input, output: echo, terminal: true });
      const cancelled = new Promise<never>((_, reject) => rl.once('SIGINT', () => reject(new UsageError('cancelled', 'dew configure'))));
      try {
        const answer = rl.question(question);
        muted = hidden;
        return (await Promise.race([answer, cancelled])).trim();
      } finally {
        rl.close();
        if (hidden) output.write('\n');
      }
    },
  };
}
