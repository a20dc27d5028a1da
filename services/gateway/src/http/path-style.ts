import type { ErrorStyle, RouteSpec } from '../routes/route.js';

interface Candidate {
  readonly segments: readonly string[];
  readonly style: ErrorStyle;
}

/** The segments after the leading slash; an empty one inside stays, where a parameter stood (`/v1//dew-hsm/…`). */
function segmentsOf(path: string): string[] {
  const segments = (path.split('?')[0] ?? '').split('/').slice(1);
  return segments.at(-1) === '' ? segments.slice(0, -1) : segments;
}

/** Leading segments of `path` the route's pattern accepts, and how many of them were literal. */
function closeness(pattern: readonly string[], path: readonly string[]): [number, number] {
  let matched = 0;
  let literal = 0;
  for (; matched < Math.min(pattern.length, path.length); matched++) {
    const want = pattern[matched]!;
    if (want.startsWith(':')) continue;
    if (want !== path[matched]) break;
    literal++;
  }
  return [matched, literal];
}

/**
 * The error style of a path no route serves: that of the route sharing the longest leading part
 * with it (literal segments break ties, then table order), so `/v1/{project_id}/csms/nope`
 * answers in CSMS's shape and `/v3/{project_id}/keypairs/x/y` in KPS's. Nothing shared: KMS.
 */
export function pathStyleResolver(routes: readonly RouteSpec[]): (path: string) => ErrorStyle {
  const candidates: Candidate[] = routes.map((r) => ({ segments: segmentsOf(r.path), style: r.style }));
  return (path) => {
    const wanted = segmentsOf(path);
    let best: { style: ErrorStyle; score: [number, number] } = { style: 'kms', score: [0, 0] };
    for (const c of candidates) {
      const score = closeness(c.segments, wanted);
      if (score[1] > 0 && (score[0] > best.score[0] || (score[0] === best.score[0] && score[1] > best.score[1]))) best = { style: c.style, score };
    }
    return best.style;
  };
}
