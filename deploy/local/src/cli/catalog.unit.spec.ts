import { OPERATIONS } from '@dew/contracts';
import { allCommands, commandsOf } from './catalog.js';
import { commandHelp, serviceHelp } from './help.js';
import { suggest } from './usage-error.js';

describe('the command catalog', () => {
  it('holds one command per HTTP operation of the table, each name unique within its service', () => {
    const commands = allCommands();
    expect(commands.map((c) => c.operation).sort()).toEqual(OPERATIONS.filter((o) => o.http).sort());
    for (const service of ['kms', 'csms', 'kps', 'hsm', 'cts', 'iam']) {
      const names = commandsOf(service).map((c) => c.command);
      expect(new Set(names).size).toBe(names.length);
    }
  });
  it('a row named after its path gets its table key in kebab case; paging comes from the request\'s fields', () => {
    expect(commandsOf('kms').find((c) => c.operation.name === 'resource_instances/action')?.command).toBe('list-keys-by-tags');
    expect(commandsOf('kms').find((c) => c.command === 'list-keys')?.paging).toBe('marker');
    expect(commandsOf('kms').find((c) => c.command === 'list-key-stores')?.paging).toBe('offset');
  });
});

describe('help', () => {
  it('a service lists its commands with method and path; a command its flags, types and whether required', () => {
    expect(serviceHelp('kms')).toContain('encrypt-data  '.trimEnd());
    const help = commandHelp(commandsOf('kms').find((c) => c.command === 'encrypt-data') ?? commandsOf('kms')[0]!, new Set(['project_id']));
    expect(help).toContain('--key-id <string>');
    expect(help).toMatch(/--encryption-algorithm <string> +optional, SYMMETRIC_DEFAULT\|/);
  });
});

describe('suggest', () => {
  it('names the closest candidates, or none when nothing is close', () => {
    expect(suggest('encrpt-data', ['encrypt-data', 'decrypt-data', 'list-keys'])).toEqual(['encrypt-data', 'decrypt-data']);
    expect(suggest('zzz', ['encrypt-data'])).toEqual([]);
  });
});
