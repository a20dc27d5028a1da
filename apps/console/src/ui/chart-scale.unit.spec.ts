import { plot } from './chart-scale';

describe('plot', () => {
  it('spreads samples over the width by time and places the highest value at the top', () => {
    const p = plot([{ t: 0, v: 0 }, { t: 50, v: 5 }, { t: 100, v: 10 }], 200, 100);
    expect(p.points.map((q) => [q.x, q.y])).toEqual([[0, 100], [100, 50], [200, 0]]);
    expect(p.path).toBe('M0 100 L100 50 L200 0');
    expect([p.min, p.max]).toEqual([0, 10]);
  });

  it('leaves unmeasured samples out and breaks the line at them', () => {
    const p = plot([{ t: 0, v: 1 }, { t: 1, v: null }, { t: 2, v: 1 }, { t: 3, v: 2 }], 30, 10);
    expect(p.points).toHaveLength(3);
    expect(p.path.match(/M/g)).toHaveLength(2);
  });

  it('a flat or single series still draws inside the box', () => {
    const flat = plot([{ t: 5, v: 0 }], 100, 40);
    expect(flat.points).toEqual([{ x: 50, y: 40, t: 5, v: 0 }]);
    expect(plot([{ t: 0, v: null }], 100, 40).points).toEqual([]);
  });
});
