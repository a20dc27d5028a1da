import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { csmsOperations, ctsOperations, dhsmOperations, iamOperations, kmsOperations, kpsOperations, type Operation } from '@dew/contracts';

const TABLES: Readonly<Record<string, Readonly<Record<string, Operation>>>> = { kms: kmsOperations, csms: csmsOperations, kps: kpsOperations, dhsm: dhsmOperations, cts: ctsOperations, iam: iamOperations };
const HANDLES = /@Handles\((\w+)Operations\.(\w+)\)/g;

function* sources(dir: string): Generator<string> {
  for (const entry of readdirSync(dir)) {
    const path = join(dir, entry);
    if (statSync(path).isDirectory()) yield* sources(path);
    else if (path.endsWith('.ts') && !path.endsWith('.spec.ts')) yield path;
  }
}

/** Which file answers each row: the `@Handles(<table>Operations.<row>)` found under services/. */
export function handlerFiles(root: string): Map<Operation, string> {
  const files = new Map<Operation, string>();
  const services = join(root, 'services');
  for (const service of readdirSync(services)) {
    const src = join(services, service, 'src');
    if (!statSync(src, { throwIfNoEntry: false })?.isDirectory()) continue;
    for (const file of sources(src)) {
      for (const [, table = '', row = ''] of readFileSync(file, 'utf8').matchAll(HANDLES)) {
        const op = TABLES[table]?.[row];
        if (op) files.set(op, relative(services, file));
      }
    }
  }
  return files;
}

const cell = (text: string) => text.replace(/\|/g, '\\|');

/**
 * The operation table as docs/architecture.md shows it, generated from the rows and the handler
 * files (`npm run dew -- operations-doc`); a unit test keeps the committed section equal to it.
 */
export function renderOperationsDoc(root: string): string {
  const handlers = handlerFiles(root);
  const lines = [
    '| method and path | subject | IAM action | family | flags | trace | handler (under `services/`) |',
    '|---|---|---|---|---|---|---|',
  ];
  for (const table of Object.values(TABLES)) {
    for (const op of Object.values(table)) {
      const flags = [
        op.flags.changesState ? 'writes' : '',
        op.flags.grantCoverable ? 'grant' : '',
        op.flags.auditedRead ? 'audited' : '',
        op.flags.singleUseSignature ? 'single-use' : '',
        op.flags.arrayBody ? 'array body' : '',
      ].filter(Boolean).join(', ');
      const route = op.http ? op.http.paths.map((p) => `${op.http?.method} \`${p.replace(/:(\w+)/g, '{$1}')}\``).join('<br>') : op.pattern ? '(bus only)' : '(scheduler)';
      const who = op.http ? '' : ` (callers: ${op.callers.join(', ') || 'none'})`;
      const handler = handlers.get(op) ?? (op.served ? '' : 'not built yet (503)');
      lines.push(`| ${cell(route)}${who} | ${op.pattern ? `\`${op.pattern}\`` : ''} | ${op.permission ? `\`${op.permission.action}\`` : ''} | ${op.family.toUpperCase()} | ${flags} | ${op.trace?.name ?? ''} | ${handler} |`);
    }
  }
  return `${lines.join('\n')}\n`;
}

export const OPERATIONS_BEGIN = '<!-- operations:begin (generated: npm run dew -- operations-doc) -->';
export const OPERATIONS_END = '<!-- operations:end -->';

/** docs/architecture.md with its generated section replaced by `table`. */
export function withOperationsSection(doc: string, table: string): string {
  const begin = doc.indexOf(OPERATIONS_BEGIN);
  const end = doc.indexOf(OPERATIONS_END);
  if (begin < 0 || end < begin) throw new Error('docs/architecture.md has no operations section markers');
  return `${doc.slice(0, begin + OPERATIONS_BEGIN.length)}\n${table}${doc.slice(end)}`;
}
