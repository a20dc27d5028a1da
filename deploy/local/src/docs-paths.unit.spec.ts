import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../..', import.meta.url));
const PATH = /`((?:libs|services|deploy|tools|k8s|docs|bench)\/[A-Za-z0-9_.\/-]+)`/g;

/** Every repository path the docs cite in backticks, with the document citing it. */
function citedPaths(): Array<[doc: string, path: string]> {
  const docs = ['README.md', ...readdirSync(`${root}/docs`).filter((f) => f.endsWith('.md')).map((f) => `docs/${f}`)];
  return docs.flatMap((doc) => [...readFileSync(`${root}/${doc}`, 'utf8').matchAll(PATH)].map((m) => [doc, m[1] ?? ''] as [string, string]));
}

describe('docs', () => {
  it('every file or folder the docs and README name exists (a moved file updates its docs)', () => {
    const missing = citedPaths().filter(([, path]) => !existsSync(`${root}/${path.replace(/\/$/, '')}`));
    expect(missing).toEqual([]);
  });
});
