import { existsSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { emptyCount, rewrapBlob, type Rewrap, type StepCount } from './rewrap.js';

/**
 * The hsm-provisioning service's sealed files (`<dataDir>/hsm/**.sealed`, bound as
 * `hsm:<path>`; services/hsm-provisioning/src/nodes/sealed-files.ts). Each is replaced by
 * write-then-rename, so a stop mid-way leaves either the old or the new file (a stray `.new` is
 * ignored: only `*.sealed` files are read).
 */
export async function rewrapSealedFiles(dataDir: string, r: Rewrap): Promise<StepCount> {
  const root = join(dataDir, 'hsm');
  const files = existsSync(root) ? sealedUnder(root) : [];
  const count = emptyCount();
  r.progress.start('hsm sealed files', files.length);
  for (const file of files) {
    const path = relative(root, file).slice(0, -'.sealed'.length);
    const before = readFileSync(file);
    const wrapped = await rewrapBlob(r, before, `hsm:${path}`, count);
    if (!wrapped) continue;
    writeFileSync(`${file}.new`, wrapped, { mode: 0o600 });
    // Online, the service may have rewritten the file meanwhile (already with the current version): keep that one.
    if (!existsSync(file) || !readFileSync(file).equals(before)) {
      rmSync(`${file}.new`, { force: true });
      continue;
    }
    renameSync(`${file}.new`, file);
    count.rewrapped += 1;
  }
  return count;
}

function sealedUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = join(dir, e.name);
    if (e.isDirectory()) return sealedUnder(full);
    return e.isFile() && e.name.endsWith('.sealed') ? [full] : [];
  });
}
