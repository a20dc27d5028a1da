// Module boundaries by Nx project tags (ARCHITECTURE.md "Repository layout"): domain code stays
// pure, contracts depend only on utilities, nothing imports an application.
import nx from '@nx/eslint-plugin';
import tseslint from 'typescript-eslint';

const constraints = (testing) => {
  const t = testing ? ['type:testing'] : [];
  return [
    {
      sourceTag: 'type:domain',
      onlyDependOnLibsWithTags: ['type:contracts', 'type:util', ...t],
      bannedExternalImports: ['@nestjs/*', '@nats-io/*', 'nestjs-pino', 'pino', 'fastify', 'node:crypto', 'crypto'],
    },
    { sourceTag: 'type:contracts', onlyDependOnLibsWithTags: ['type:util', ...t], bannedExternalImports: ['@nestjs/*', '@nats-io/*'] },
    { sourceTag: 'type:util', onlyDependOnLibsWithTags: ['type:util', ...t], bannedExternalImports: ['@nestjs/*'] },
    { sourceTag: 'type:infra', onlyDependOnLibsWithTags: ['type:infra', 'type:contracts', 'type:util', ...t] },
    { sourceTag: 'type:testing', onlyDependOnLibsWithTags: ['type:infra', 'type:contracts', 'type:util', 'type:testing'] },
    // Read-model definitions join a context's pure domain to the streams: shared by services and replay.
    { sourceTag: 'type:read-model', onlyDependOnLibsWithTags: ['type:domain', 'type:infra', 'type:contracts', 'type:util', ...t] },
    { sourceTag: 'type:app', onlyDependOnLibsWithTags: ['type:read-model', 'type:domain', 'type:infra', 'type:contracts', 'type:util', ...t] },
  ];
};
const boundaries = (testing) => ['error', { enforceBuildableLibDependency: false, allow: [], depConstraints: constraints(testing) }];

export default [
  { ignores: ['**/dist/**', '**/node_modules/**', '.data/**', 'coverage/**', 'tools/**', '**/*.mjs'] },
  {
    files: ['**/*.ts', '**/*.tsx'],
    languageOptions: { parser: tseslint.parser },
    plugins: { '@nx': nx },
    rules: {
      '@nx/enforce-module-boundaries': boundaries(false),
    },
  },
  // Tests of any project may use the harness (a real nats-server, the whole system); product code may not.
  {
    files: ['**/*.spec.ts', '**/test/**/*.ts'],
    rules: { '@nx/enforce-module-boundaries': boundaries(true) },
  },
];
