import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { OPERATIONS } from '@dew/contracts';
import { handlerFiles, renderOperationsDoc, withOperationsSection } from './operations-doc.js';

const root = fileURLToPath(new URL('../../..', import.meta.url));

describe('docs/architecture.md operation table', () => {
  it('the committed section equals what the rows and the @Handles files generate (regenerate: npm run dew -- operations-doc)', () => {
    const doc = readFileSync(`${root}/docs/architecture.md`, 'utf8');
    expect(doc).toBe(withOperationsSection(doc, renderOperationsDoc(root)));
  });

  it('every served row with a subject has exactly the one handler file that names it', () => {
    const files = handlerFiles(root);
    const unanswered = OPERATIONS.filter((o) => o.served && o.pattern && !files.has(o)).map((o) => o.pattern);
    expect(unanswered).toEqual([]);
  });
});
