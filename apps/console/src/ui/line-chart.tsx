import { useId } from 'react';
import { plot, type Sample } from './chart-scale';

const W = 320;
const H = 120;
const PAD = { left: 44, right: 8, top: 8, bottom: 22 };

const clock = (t: number) => new Date(t).toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit' });
const figure = (v: number) => (Math.abs(v) >= 100 || Number.isInteger(v) ? String(Math.round(v)) : v.toFixed(2));

/**
 * A small line chart drawn as inline SVG (no script, no chart library: the CSP allows neither
 * more than this needs). The figure is named by its title, and its summary is text a screen
 * reader reads; each measured sample is a circle whose <title> gives its time and value.
 */
export function LineChart({ title, unit, samples }: { readonly title: string; readonly unit: string; readonly samples: readonly Sample[] }) {
  const id = useId();
  const innerW = W - PAD.left - PAD.right;
  const innerH = H - PAD.top - PAD.bottom;
  const p = samples.length ? plot(samples, innerW, innerH) : null;
  const last = p?.points.at(-1);
  const summary = p && last ? `${p.points.length} samples; latest ${figure(last.v)} ${unit} at ${clock(last.t)}` : 'No measurement in the last hour.';
  return (
    <figure className="chart" aria-labelledby={`${id}-t`}>
      <figcaption id={`${id}-t`}>
        {title} <span className="sub">({unit})</span>
      </figcaption>
      <svg viewBox={`0 0 ${W} ${H}`} role="img" aria-labelledby={`${id}-t`} aria-describedby={`${id}-d`}>
        <g transform={`translate(${PAD.left} ${PAD.top})`}>
          <line className="axis" x1={0} y1={innerH} x2={innerW} y2={innerH} />
          <line className="axis" x1={0} y1={0} x2={0} y2={innerH} />
          {p ? (
            <>
              <text className="tick" x={-4} y={4} textAnchor="end">
                {figure(p.max)}
              </text>
              <text className="tick" x={-4} y={innerH} textAnchor="end">
                {figure(p.min)}
              </text>
              <text className="tick" x={0} y={innerH + 15}>
                {clock(samples[0]?.t ?? 0)}
              </text>
              <text className="tick" x={innerW} y={innerH + 15} textAnchor="end">
                {clock(samples.at(-1)?.t ?? 0)}
              </text>
              <path className="series" d={p.path} />
              {p.points.map((q) => (
                <circle key={q.t} className="point" cx={q.x} cy={q.y} r={2.5}>
                  <title>{`${clock(q.t)}: ${figure(q.v)} ${unit}`}</title>
                </circle>
              ))}
            </>
          ) : null}
        </g>
      </svg>
      <p id={`${id}-d`} className="hint">
        {summary}
      </p>
    </figure>
  );
}
