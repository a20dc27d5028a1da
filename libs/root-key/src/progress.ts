/**
 * Progress of a re-wrapping run (`dew root-key migrate`, a service's rotation): a bar redrawn in place on a terminal, plain lines
 * otherwise (CI logs, pipes). Counts only, never an entry's bytes.
 */
export interface Progress {
  start(step: string, total: number): void;
  tick(): void;
  done(summary: string): void;
}

/** A service's background run reports through its log, not per blob. */
export const silentProgress: Progress = { start: () => undefined, tick: () => undefined, done: () => undefined };

const WIDTH = 30;

export function progressFor(out: NodeJS.WriteStream | { isTTY?: boolean; write(s: string): boolean }): Progress {
  let step = '';
  let total = 0;
  let seen = 0;
  const draw = () => {
    const filled = total === 0 ? WIDTH : Math.round((seen / total) * WIDTH);
    out.write(`\r${step.padEnd(20)} [${'#'.repeat(filled)}${'.'.repeat(WIDTH - filled)}] ${seen}/${total}`);
  };
  return {
    start(name, count) {
      step = name;
      total = count;
      seen = 0;
      if (out.isTTY) draw();
      else out.write(`${name}: ${count} to check\n`);
    },
    tick() {
      seen += 1;
      if (out.isTTY) draw();
    },
    done(summary) {
      out.write(out.isTTY ? `\r${step.padEnd(20)} ${summary}${' '.repeat(WIDTH)}\n` : `${step}: ${summary}\n`);
    },
  };
}
