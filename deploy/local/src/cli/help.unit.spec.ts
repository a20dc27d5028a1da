import { allCommands, commandsOf } from './catalog.js';
import { hasMeaning } from './field-docs.js';
import type { FieldSpec } from './fields.js';
import { commandHelp } from './help.js';

const flagsOf = (specs: readonly FieldSpec[]): FieldSpec[] => specs.flatMap((s) => [s, ...flagsOf(s.children ?? [])]);
const flagLines = (help: string) => help.split('\n').filter((line) => line.startsWith('  --'));

describe('commandHelp', () => {
  it('every flag of every command shows whether it is required, its type and a description', () => {
    const bad = allCommands().flatMap((cmd) => flagLines(commandHelp(cmd, new Set(['project_id'])))
      .filter((line) => !/^ {2}--[\w.-]+ <(string|integer|number|boolean|string\[\]|json)> +(required|optional)[^,]*, [^:]+: \S.*$/.test(line))
      .map((line) => `${cmd.service} ${cmd.command}: ${line}`));
    expect(bad).toEqual([]);
  });

  it('every request field and path parameter of the table has a description in the glossary, not only its name', () => {
    const names = new Set(allCommands().flatMap((cmd) => [...cmd.pathParams, ...flagsOf(cmd.fields).map((f) => f.name)]));
    expect([...names].filter((name) => !hasMeaning(name))).toEqual([]);
  });

  it("a field's validation bounds are in words: an id's format, an array's size; a path parameter is one segment", () => {
    const grant = commandsOf('kms').find((c) => c.command === 'create-grant');
    const help = grant ? commandHelp(grant, new Set(['project_id'])) : '';
    expect(help).toMatch(/--key-id <string> +required, string: id of the KMS key; a lower-case UUID \(8-4-4-4-12 hexadecimal digits\)/);
    expect(help).toMatch(/--operations <string\[\]> +required, string \(repeatable, or a JSON array\): operations the grant allows; at most \d+ items/);
    expect(help).toMatch(/--name <string> +optional, string: name of the grant/);
    expect(help).toMatch(/--project-id <string> +optional \(default: the profile's\), string, path parameter: project the call acts in; one path segment/);
  });
});
