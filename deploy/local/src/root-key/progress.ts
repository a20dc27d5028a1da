/**
 * Progress of `dew root-key migrate`: a bar redrawn in place on a terminal, plain lines
 * otherwise (CI logs, pipes). Counts only, never an entry's bytes.
 */
export interface Progress {
  start(step: string, total: number): void;
  tick(): void;
  done(summary: string): void;
}

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
