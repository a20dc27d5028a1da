import { validateImportBatch } from './import.js';

describe('batch-import-secrets limits', () => {
  it('1 and 50 secrets accepted; 0 and 51 refused naming the limit and the count', () => {
    expect(() => validateImportBatch(1, undefined)).not.toThrow();
    expect(() => validateImportBatch(50, 50)).not.toThrow();
    expect(() => validateImportBatch(0, undefined)).toThrow('secrets must hold 1..50 secrets, got 0');
    expect(() => validateImportBatch(51, undefined)).toThrow('secrets must hold 1..50 secrets, got 51');
  });

  it('a total that does not count the secrets is refused', () => {
    expect(() => validateImportBatch(2, 3)).toThrow('total must equal the number of secrets (2), got 3');
  });
});
