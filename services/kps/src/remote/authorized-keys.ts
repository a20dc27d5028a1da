import { parsePublicKey, samePublicKey, type PublicKey } from './public-key.js';

/** The text of a key to add or remove is not one authorized_keys line holding an SSH public key. */
export class NotAnAuthorizedKeyLine extends Error {
  constructor(role: 'add' | 'remove') {
    super(`the key to ${role} is not a single authorized_keys line with an SSH public key`);
    this.name = 'NotAnAuthorizedKeyLine';
  }
}

export interface AuthorizedKeysChange {
  /** An authorized_keys line (options allowed) to add unless its key is there already. */
  readonly add?: string;
  /** A public key whose every line goes. */
  readonly remove?: string;
}

/**
 * The edit `change` makes, its keys checked now (NotAnAuthorizedKeyLine). The removal comes first,
 * so when both name the same key the file ends with the line to add.
 */
export function authorizedKeysEdit(change: AuthorizedKeysChange): (text: string) => string {
  const { add, remove } = change;
  if (add !== undefined) singleLineKey(withoutLineEnd(add), 'add');
  if (remove !== undefined) singleLineKey(withoutLineEnd(remove), 'remove');
  return (text) => {
    const removed = remove === undefined ? text : removeAuthorizedKey(text, remove);
    return add === undefined ? removed : addAuthorizedKey(removed, add);
  };
}

/**
 * The key of one authorized_keys line: `[options] type base64 [comment]`, as sshd reads it (a key
 * at the start, otherwise after the options field, in which quoted strings may hold blanks).
 */
export function keyOfAuthorizedLine(line: string): PublicKey | undefined {
  const text = line.replace(/^[ \t]+/, '').replace(/\r$/, '');
  if (text === '' || text.startsWith('#')) return undefined;
  return parsePublicKey(text) ?? parsePublicKey(afterOptions(text));
}

/** `text` with `line` appended, unless a line already holds the same key (whatever its options or comment). */
export function addAuthorizedKey(text: string, line: string): string {
  const entry = withoutLineEnd(line);
  const key = singleLineKey(entry, 'add');
  const lines = linesOf(text);
  return joinLines(lines.some((l) => sameKey(l, key)) ? lines : [...lines, entry]);
}

/** `text` without any line that holds the key of `keyText`; every other line is kept as it was. */
export function removeAuthorizedKey(text: string, keyText: string): string {
  const key = singleLineKey(withoutLineEnd(keyText), 'remove');
  return joinLines(linesOf(text).filter((l) => !sameKey(l, key)));
}

function withoutLineEnd(line: string): string {
  return line.replace(/\r?\n$/, '');
}

// A line break inside would smuggle further lines (other keys, other options) into the file.
function singleLineKey(line: string, role: 'add' | 'remove'): PublicKey {
  const key = /[\n\r]/.test(line) ? undefined : keyOfAuthorizedLine(line);
  if (key === undefined) throw new NotAnAuthorizedKeyLine(role);
  return key;
}

function sameKey(line: string, key: PublicKey): boolean {
  const found = keyOfAuthorizedLine(line);
  return found !== undefined && samePublicKey(found, key);
}

// The options field ends at the first blank outside double quotes (a backslash escapes a quote).
function afterOptions(text: string): string {
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '\\' && quoted) i++;
    else if (c === '"') quoted = !quoted;
    else if (!quoted && (c === ' ' || c === '\t')) return text.slice(i);
  }
  return '';
}

function linesOf(text: string): string[] {
  if (text === '') return [];
  const lines = text.split('\n');
  if (text.endsWith('\n')) lines.pop();
  return lines;
}

function joinLines(lines: readonly string[]): string {
  return lines.length === 0 ? '' : `${lines.join('\n')}\n`;
}
