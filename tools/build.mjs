#!/usr/bin/env node
// Transpiles every workspace package (libs/*, services/*, deploy/local) from src/ to dist/ with swc,
// then bundles the web console (apps/console, Vite) into apps/console/dist, which the gateway serves.
// Type checking is a separate step (`npm run typecheck`); this one is fast so `make run` starts quickly.
import { transformFile } from '@swc/core';
import { readFileSync, readdirSync, statSync, mkdirSync, writeFileSync, rmSync, existsSync } from 'node:fs';
import { join, dirname, relative } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const swcrc = JSON.parse(readFileSync(join(root, '.swcrc'), 'utf8'));
delete swcrc.$schema;

const packages = [
  ...['libs', 'services'].flatMap((dir) =>
    existsSync(join(root, dir)) ? readdirSync(join(root, dir)).map((name) => join(root, dir, name)) : []),
  join(root, 'deploy/local'),
].filter((p) => existsSync(join(p, 'src')));

function* sources(dir) {
  for (const entry of readdirSync(dir)) {
    const path = join(dir, entry);
    if (statSync(path).isDirectory()) yield* sources(path);
    else if (path.endsWith('.ts') && !path.endsWith('.spec.ts') && !path.endsWith('.d.ts')) yield path;
  }
}

let count = 0;
for (const pkg of packages) {
  const src = join(pkg, 'src');
  const out = join(pkg, 'dist');
  rmSync(out, { recursive: true, force: true });
  const jobs = [];
  for (const file of sources(src)) {
    const target = join(out, relative(src, file)).replace(/\.ts$/, '.js');
    jobs.push(transformFile(file, { ...swcrc, filename: file, sourceFileName: relative(dirname(target), file) })
      .then(({ code, map }) => {
        mkdirSync(dirname(target), { recursive: true });
        writeFileSync(target, `${code}\n//# sourceMappingURL=${target.split('/').pop()}.map\n`);
        if (map) writeFileSync(`${target}.map`, map);
        count++;
      }));
  }
  await Promise.all(jobs);
}
console.log(`built ${count} files in ${packages.length} packages`);

const { build: vite } = await import('vite');
await vite({ configFile: join(root, 'apps/console/vite.config.mjs') });
console.log('built the console (apps/console/dist)');
