// bench/results/latest.svg: one bar per scenario, its req/s as a fraction of reference-echo's,
// the target drawn across the bar where the issue sets one. Hand-written SVG, no library.

const ROW = 30;
const LABEL = 170;
const BARS = 460;
const TOP = 54;

const esc = (s) => String(s).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** `scenarios`: [{ name, rps, ratio }], reference-echo first; `targets`: { name: ratio }. */
export function chartSvg(scenarios, targets, caption) {
  const top = Math.max(1.1, ...scenarios.map((s) => s.ratio)) * 1.05;
  const x = (ratio) => LABEL + (ratio / top) * BARS;
  const height = TOP + scenarios.length * ROW + 30;
  const width = LABEL + BARS + 150;
  const rows = scenarios.map((s, i) => {
    const y = TOP + i * ROW;
    const target = targets[s.name];
    const colour = target === undefined ? (s.name.startsWith('reference-echo') ? '#8a8a8a' : '#4a78b5') : s.ratio >= target ? '#3d9a50' : '#c8453b';
    return [
      `<text x="${LABEL - 8}" y="${y + 19}" text-anchor="end">${esc(s.name)}</text>`,
      `<rect x="${LABEL}" y="${y + 5}" width="${(x(s.ratio) - LABEL).toFixed(1)}" height="${ROW - 10}" fill="${colour}"/>`,
      `<text x="${(x(s.ratio) + 6).toFixed(1)}" y="${y + 19}">${s.ratio.toFixed(2)} × (${s.rps} req/s)</text>`,
      ...(target === undefined ? [] : [`<line x1="${x(target).toFixed(1)}" y1="${y + 1}" x2="${x(target).toFixed(1)}" y2="${y + ROW - 1}" stroke="#222" stroke-width="2" stroke-dasharray="4 2"/>`]),
    ].join('\n  ');
  });
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="sans-serif" font-size="13">
  <rect width="100%" height="100%" fill="#fff"/>
  <text x="10" y="20" font-size="15" font-weight="bold">req/s as a fraction of reference-echo (dashed: the issue's target)</text>
  <text x="10" y="38" fill="#555">${esc(caption)}</text>
  <line x1="${x(1).toFixed(1)}" y1="${TOP - 4}" x2="${x(1).toFixed(1)}" y2="${height - 24}" stroke="#8a8a8a"/>
  <text x="${x(1).toFixed(1)}" y="${height - 10}" text-anchor="middle" fill="#555">1.0 = reference-echo</text>
  ${rows.join('\n  ')}
</svg>
`;
}
