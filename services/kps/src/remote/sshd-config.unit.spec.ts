import { isPlainLoginName, withPasswordLoginDisabled } from './sshd-config.js';

const BASE = ['Include /etc/ssh/sshd_config.d/*.conf', '', 'PasswordAuthentication yes', 'Subsystem sftp /usr/lib/openssh/sftp-server'];
const blockFor = (user: string): string[] => [
  `# BEGIN DEW ${user}`,
  `Match User ${user}`,
  '    PasswordAuthentication no',
  '    KbdInteractiveAuthentication no',
  `# END DEW ${user}`,
];

describe('withPasswordLoginDisabled', () => {
  it('appends the Match block for the user after every existing line, each kept as it was', () => {
    const config = `${BASE.join('\n')}\n`;
    expect(withPasswordLoginDisabled(config, 'root')).toBe(`${config}${blockFor('root').join('\n')}\n`);
  });

  it('ends a configuration that lacked a final newline before the block', () => {
    expect(withPasswordLoginDisabled('Port 22', 'root')).toBe(`Port 22\n${blockFor('root').join('\n')}\n`);
  });

  it('changes nothing when applied a second time', () => {
    const once = withPasswordLoginDisabled(`${BASE.join('\n')}\n`, 'root');
    expect(withPasswordLoginDisabled(once, 'root')).toBe(once);
  });

  it('moves the user\'s block to the end when lines were added after it, so it captures none of them', () => {
    const config = [...BASE.slice(0, 2), ...blockFor('root'), ...BASE.slice(2)].join('\n');
    expect(withPasswordLoginDisabled(config, 'root')).toBe(`${[...BASE, ...blockFor('root')].join('\n')}\n`);
  });

  it('leaves the block of another user in place', () => {
    const config = `${[...BASE, ...blockFor('deploy')].join('\n')}\n`;
    expect(withPasswordLoginDisabled(config, 'root')).toBe(`${config}${blockFor('root').join('\n')}\n`);
  });

  it('refuses a user name that would widen the match or add directives', () => {
    for (const user of ['root\nPermitRootLogin yes', 'a b', 'root,admin', '*', '!root', '']) {
      expect(isPlainLoginName(user)).toBe(false);
      expect(() => withPasswordLoginDisabled('', user)).toThrow(RangeError);
    }
    expect(isPlainLoginName('dewkps01ab.c-d_e')).toBe(true);
  });
});
