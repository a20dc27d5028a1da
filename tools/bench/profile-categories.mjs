// Groups a V8 CPU profile's self time by what the code does, for `make bench-profile`.
export const CATEGORIES = ['http', 'json', 'nats', 'nest', 'sign-ver', 'policy', 'events', 'audit', 'log', 'crypto', 'io', 'gc', 'dew', 'other'];

const RULES = [
  ['gc', (f) => f.functionName === '(garbage collector)'],
  ['json', (f) => f.url === '' && /^(parse|stringify)$/.test(f.functionName)],
  ['log', (f) => /pino|sonic-boom|libs\/logging/.test(f.url)],
  ['nats', (f) => /@nats-io/.test(f.url)],
  ['nest', (f) => /@nestjs|rxjs|reflect-metadata|class-validator|class-transformer/.test(f.url)],
  ['http', (f) => /fastify|find-my-way|avvio|light-my-request|node:_http|node:internal\/http|@fastify/.test(f.url)],
  ['sign-ver', (f) => /libs\/aksk\//.test(f.url)],
  ['policy', (f) => /libs\/iam-policy|libs\/iam-domain|services\/iam\//.test(f.url)],
  ['events', (f) => /libs\/event-store|libs\/decider|@nats-io\/jetstream/.test(f.url)],
  ['audit', (f) => /audit/.test(f.url)],
  ['crypto', (f) => /node:internal\/crypto|node:crypto|libs\/crypto\//.test(f.url)],
  ['io', (f) => /node:net|node:internal\/stream|node:stream|node:internal\/streams|node:buffer|node:internal\/buffer|node:events|node:internal\/timers|node:internal\/process|node:internal\/async/.test(f.url)],
  ['dew', (f) => /\/(libs|services)\//.test(f.url)],
];

const categoryOf = (frame) => {
  if (frame.functionName === '(idle)' || frame.functionName === '(program)' || frame.functionName === '(root)') return null;
  for (const [name, test] of RULES) if (test(frame)) return name;
  return 'other';
};

/** Each sample's node and self time (µs), for those taken inside `window` (see categorise). */
function* samplesIn(profile, window) {
  let t = profile.startTime;
  for (let i = 0; i < profile.samples.length; i++) {
    t += profile.timeDeltas[i];
    if (window) {
      const wall = window.endWallMs - (profile.endTime - t) / 1000;
      if (wall < window.fromMs || wall > window.toMs) continue;
    }
    yield [profile.samples[i], profile.timeDeltas[i + 1] ?? 0];
  }
}

/** The `n` functions with the most self time in `window`, as [share of busy time, "name file:line"]. */
export function topFunctions(profile, window, n) {
  const frames = new Map(profile.nodes.map((node) => [node.id, node.callFrame]));
  const self = new Map();
  let busy = 0;
  for (const [id, dt] of samplesIn(profile, window)) {
    const f = frames.get(id);
    if (categoryOf(f) === null) continue;
    const name = `${f.functionName || '(anonymous)'} ${f.url.replace(/.*node_modules\//, '').replace(/^file:\/\/.*?\/(libs|services)\//, '$1/')}:${f.lineNumber + 1}`;
    self.set(name, (self.get(name) ?? 0) + dt);
    busy += dt;
  }
  return [...self.entries()].sort((a, b) => b[1] - a[1]).slice(0, n).map(([name, us]) => [us / busy, name]);
}

/**
 * Self time (µs) per category for the samples taken between `fromMs` and `toMs` of wall time;
 * `endWallMs` is when the profile ended (the file's mtime: V8 writes it at exit).
 */
export function categorise(profile, window) {
  const byId = new Map(profile.nodes.map((n) => [n.id, categoryOf(n.callFrame)]));
  const out = {};
  for (const [id, dt] of samplesIn(profile, window)) {
    const category = byId.get(id);
    if (category) out[category] = (out[category] ?? 0) + dt;
  }
  return out;
}
