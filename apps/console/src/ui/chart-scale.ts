/** A sample of a series: its time (ms) and its value; null where nothing was measured. */
export interface Sample {
  readonly t: number;
  readonly v: number | null;
}

export interface Plotted {
  /** The measured samples as points in the drawing's coordinates (gaps left out). */
  readonly points: ReadonlyArray<{ readonly x: number; readonly y: number; readonly t: number; readonly v: number }>;
  /** SVG path data: a line through consecutive measured samples, broken at each gap. */
  readonly path: string;
  readonly min: number;
  readonly max: number;
}

/**
 * Places samples in a width × height box (y grows downwards, as in SVG): time across, value up,
 * the value axis from 0 (or the lowest value, if negative) to the highest, so a flat series sits
 * on a visible line rather than dividing by zero.
 */
export function plot(samples: readonly Sample[], width: number, height: number): Plotted {
  const measured = samples.filter((s): s is { t: number; v: number } => s.v !== null && Number.isFinite(s.v));
  const times = samples.map((s) => s.t);
  const t0 = Math.min(...times);
  const t1 = Math.max(...times);
  const min = Math.min(0, ...measured.map((s) => s.v));
  const top = Math.max(...measured.map((s) => s.v), min);
  const max = top === min ? min + 1 : top;
  const x = (t: number) => (t1 === t0 ? width / 2 : ((t - t0) / (t1 - t0)) * width);
  const y = (v: number) => height - ((v - min) / (max - min)) * height;
  const points = measured.map((s) => ({ x: round(x(s.t)), y: round(y(s.v)), t: s.t, v: s.v }));
  let path = '';
  let drawing = false;
  for (const s of samples) {
    if (s.v === null || !Number.isFinite(s.v)) {
      drawing = false;
      continue;
    }
    path += `${drawing ? 'L' : 'M'}${round(x(s.t))} ${round(y(s.v))} `;
    drawing = true;
  }
  return { points, path: path.trim(), min, max: measured.length ? max : min };
}

const round = (n: number) => Math.round(n * 10) / 10;
