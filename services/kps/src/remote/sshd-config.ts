// The name is written into sshd_config as a Match criterion: anything beyond a plain login name
// (blanks, commas, patterns, line breaks) could widen the match or add directives.
const LOGIN_NAME = /^[A-Za-z_][A-Za-z0-9_.-]{0,31}$/;

export function isPlainLoginName(user: string): boolean {
  return LOGIN_NAME.test(user);
}

/**
 * `config` whose last lines are DEW's block turning password and keyboard-interactive login off
 * for `user`; any earlier DEW block for that user is taken out, every other line kept as it was.
 * The block goes last because a Match block runs to the next Match or to the end of the file:
 * anywhere else it would capture the global lines after it.
 */
export function withPasswordLoginDisabled(config: string, user: string): string {
  if (!isPlainLoginName(user)) throw new RangeError('the login name is not a plain user name');
  const begin = `# BEGIN DEW ${user}`;
  const end = `# END DEW ${user}`;
  const lines = config === '' ? [] : config.replace(/\n$/, '').split('\n');
  const start = lines.findIndex((l) => l.trimEnd() === begin);
  const stop = start < 0 ? -1 : lines.findIndex((l, i) => i > start && l.trimEnd() === end);
  const kept = stop < 0 ? lines : [...lines.slice(0, start), ...lines.slice(stop + 1)];
  const block = [begin, `Match User ${user}`, '    PasswordAuthentication no', '    KbdInteractiveAuthentication no', end];
  return `${[...kept, ...block].join('\n')}\n`;
}
