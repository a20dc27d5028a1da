import { readFileSync } from 'node:fs';
import type { FieldType } from './fields.js';
import { UsageError } from './usage-error.js';

/**
 * A flag's text with file references resolved: `file://path` is the file's text, `fileb://path`
 * its bytes in base64 (key material, ciphertext blobs). `readFile` is injected for tests.
 */
export function resolveFileValue(text: string, flag: string, readFile: (path: string) => Buffer = readFileSync): string {
  const binary = text.startsWith('fileb://');
  if (!binary && !text.startsWith('file://')) return text;
  const path = text.slice(binary ? 8 : 7);
  let bytes: Buffer;
  try {
    bytes = readFile(path);
  } catch (err) {
    throw new UsageError(`--${flag}: cannot read ${path}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
  }
  return binary ? bytes.toString('base64') : bytes.toString('utf8');
}

/** The JSON value a flag's (resolved) text stands for, as its field's type says. */
export function coerce(text: string, type: FieldType, flag: string, choices?: readonly string[]): unknown {
  if (choices && !choices.includes(text)) throw new UsageError(`--${flag} must be one of ${choices.join(', ')}, got "${text}"`);
  switch (type) {
    case 'string':
      return text;
    case 'integer':
      if (!/^-?\d+$/.test(text)) throw new UsageError(`--${flag} takes an integer, got "${text}"`);
      return Number(text);
    case 'number':
      if (text.trim() === '' || !Number.isFinite(Number(text))) throw new UsageError(`--${flag} takes a number, got "${text}"`);
      return Number(text);
    case 'boolean':
      if (text !== 'true' && text !== 'false') throw new UsageError(`--${flag} takes true or false, got "${text}"`);
      return text === 'true';
    case 'string[]':
      return text.trimStart().startsWith('[') ? parseJson(text, flag) : [text];
    case 'json':
      return parseJson(text, flag);
  }
}

function parseJson(text: string, flag: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch (err) {
    throw new UsageError(`--${flag} takes JSON (or file://path to a JSON file): ${(err as Error).message}`);
  }
}
