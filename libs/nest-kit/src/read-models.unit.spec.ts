import { jest } from '@jest/globals';
import { digestDoc, type Cut, type ReadModelView } from '@dew/event-sourcing';
import type { ServiceSettings } from './config.js';
import { KEEP_CUT_MS, ReadModels } from './read-models.js';

/** A view of `n` documents that counts how often its documents are computed. */
function countingView(n: number): ReadModelView & { computed: number } {
  const view = {
    name: 'things',
    computed: 0,
    appliedThrough: async () => undefined,
    at: () => {
      view.computed++;
      return { docs: Array.from({ length: n }, (_, i) => digestDoc(`thing-${i}`, i + 1, { i })), unavailable: [] };
    },
  };
  return view;
}

const cut: Cut = { EVT: { first: 1, last: 10 } };

describe('ReadModels', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it('bucket requests right after a summary reuse its documents; KEEP_CUT_MS after the last use they are let go and computed again', async () => {
    const models = new ReadModels({ service: 'test' } as ServiceSettings);
    const view = countingView(50);
    models.add(view);
    await models.answer({ cut });
    await models.answer({ cut, model: 'things', bucket: '000' });
    jest.advanceTimersByTime(KEEP_CUT_MS - 1);
    await models.answer({ cut, model: 'things', bucket: '001' });
    expect(view.computed).toBe(1);
    expect(models.holdsCut).toBe(true);

    jest.advanceTimersByTime(KEEP_CUT_MS);
    expect(models.holdsCut).toBe(false);
    const again = await models.answer({ cut, model: 'things', bucket: '000' });
    expect(view.computed).toBe(2);
    expect('docs' in again && again.docs.every((d) => d.id.startsWith('thing-'))).toBe(true);
  });
});
