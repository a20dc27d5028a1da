// What `make bench` is doing, on stderr: one updating line on a terminal (scenario, seconds
// left), plain lines otherwise (a log keeps one line per scenario start and every 5 s).

export function progress(stream = process.stderr) {
  const tty = Boolean(stream.isTTY);
  let open = false;
  const line = (text) => {
    if (tty) {
      stream.write(`\r\x1b[2K${text}`);
      open = true;
    } else stream.write(`${text}\n`);
  };
  const done = () => {
    if (open) stream.write('\r\x1b[2K');
    open = false;
  };
  return {
    /** A step with no clock: booting, replay, the trace index. */
    step(text) {
      done();
      line(`bench: ${text}`);
      if (tty) stream.write('\n');
      open = false;
    },
    /** Runs `work` while counting down `seconds` for `name`; the line is cleared when it ends. */
    async timed(name, seconds, work) {
      const started = Date.now();
      const show = () => line(`bench: ${name} — ${Math.max(0, Math.ceil(seconds - (Date.now() - started) / 1000))} s left`);
      show();
      const timer = setInterval(show, tty ? 250 : 5000);
      try {
        return await work;
      } finally {
        clearInterval(timer);
        done();
      }
    },
  };
}
