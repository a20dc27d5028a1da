// The results of one `make bench` run as the terminal table and as bench/README.md.

const pad = (s, n) => String(s).padEnd(n);
const padL = (s, n) => String(s).padStart(n);

export function scenarioLines(run) {
  const head = `${pad('scenario', 20)} ${padL('req/s', 8)} ${padL('p50 ms', 8)} ${padL('p99 ms', 8)} ${padL('× ref', 6)}`;
  return [head, ...run.scenarios.map((s) => `${pad(s.name, 20)} ${padL(s.rps, 8)} ${padL(s.p50_ms, 8)} ${padL(s.p99_ms, 8)} ${padL(s.ratio.toFixed(2), 6)}`)];
}

export function targetLines(verdicts) {
  const width = Math.max(...verdicts.map((v) => v.target.length));
  return [
    'targets (issue 19) — reported, not asserted: `make bench` exits 0 whatever they say',
    ...verdicts.map((v) => `  ${pad(v.target, width)}  ${padL(v.figure, 26)}  ${v.verdict}`),
  ];
}

const encryptOver = (run, keys) => {
  const e = run.encrypt_working_set?.find((w) => w.keys === keys);
  return e ? `${e.rps} req/s, p99 ${e.p99_ms} ms` : undefined;
};
const createKey = (run, which) => {
  const c = run.create_key;
  return c ? `${c[which].per_s} keys/s at ${c.clients} clients` : undefined;
};

/** issue 19 item 4: how cost grows with the working set; the rows this bench does not drive yet say so. */
export function costRows(run) {
  const r = run.replay;
  const none = 'not measured';
  const large = run.create_key?.large_fill;
  return [
    ['encrypt-data 32 B req/s', '10 keys in the working set', encryptOver(run, 10) ?? none],
    ['encrypt-data 32 B req/s', '1,000 keys', encryptOver(run, 1000) ?? none],
    largeWorkingSetRow(run),
    ['replay time', r ? `${r.events.toLocaleString('en-US')} events (this run)` : 'this run', r ? `${r.seconds} s` : none],
    ...replayGrowthRows(run.replay_growth, none),
    ['create-key keys/s', 'empty project', createKey(run, 'empty') ?? none],
    ['create-key keys/s', '10,000 keys already in the project', createKey(run, 'full') ?? none],
    ...(large ? [['create-key, filling to 100,000', `${large.keys.toLocaleString('en-US')} keys`, `${large.seconds} s`]] : []),
  ];
}

/** The project filled towards 100,000 keys (a few may be gone by then: the key count is the one encrypted over). */
function largeWorkingSetRow(run) {
  const large = run.encrypt_working_set?.find((w) => w.keys > 10_000);
  if (!large) return ['encrypt-data 32 B req/s', '100,000 keys (more than the material cache holds)', 'not measured (BENCH_LARGE=0)'];
  return ['encrypt-data 32 B req/s', `${large.keys.toLocaleString('en-US')} keys (more than the material cache holds)`, `${large.rps} req/s, p99 ${large.p99_ms} ms`];
}

/** tools/bench-replay-growth.mjs: the same history replayed at N and at 10 × N events. */
function replayGrowthRows(g, none) {
  if (!g) return [['replay time', '10 × as many events', none]];
  const at = (r) => `${r.events.toLocaleString('en-US')} events (fresh DEW)`;
  return [
    ['replay time', at(g.n), `${g.n.seconds} s (${g.n.events_per_s.toLocaleString('en-US')} events/s)`],
    ['replay time', `10 × as many: ${at(g.ten_n)}`, `${g.ten_n.seconds} s (${g.ten_n.events_per_s.toLocaleString('en-US')} events/s): ${g.time_ratio} × the time for ${g.events_ratio} × the events`],
  ];
}

const table = (head, rows) => [`| ${head.join(' | ')} |`, `|${head.map(() => '---').join('|')}|`, ...rows.map((r) => `| ${r.join(' | ')} |`)].join('\n');

export function readme(run, verdicts) {
  const m = run.machine;
  return `# Benchmarks

Written by \`make bench\` (\`tools/bench.mjs\`); do not edit it by hand. What the scenarios are and
the history of the figures: \`docs/performance.md\`. One run, ${run.date}: ${m.cpus} × ${m.cpu_model},
Node ${m.node}, ${m.connections} connections, ${m.duration_s} s per scenario, everything (load
generator, nats-server, every process) on the same machine. Raw figures:
\`bench/results/latest.json\`; chart: \`bench/results/latest.svg\`.

![req/s as a fraction of reference-echo](results/latest.svg)

## Scenarios (ratio to \`reference-echo\`, the same stack without DEW's code)

\`reference-echo\` runs first and again after the fixed scenarios (\`reference-echo-again\`); every
ratio is to the higher of the two, ${run.reference_rps} req/s in this run.

${table(['scenario', 'req/s', 'p50 ms', 'p99 ms', '× reference-echo'], run.scenarios.map((s) => [s.name, s.rps, s.p50_ms, s.p99_ms, s.ratio.toFixed(2)]))}

## Targets (issue 19)

Reported, not asserted: \`make bench\` exits 0 when a target fails, and \`make test\` runs no benchmark.

${table(['target', 'measured', 'verdict'], verdicts.map((v) => [v.target, v.figure || '—', v.verdict]))}

## How cost grows

${table(['cost', 'at', 'figure'], costRows(run))}
`;
}
