import { execFile, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** The real ssh-keygen and openssl, run the way a user would, for the int specs. */
export function run(command: string, args: string[], input?: Buffer): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = execFile(command, args, { encoding: 'utf8' }, (error, stdout, stderr) => {
      if (error) reject(new Error(`${command} ${args.join(' ')} failed: ${stderr || error.message}`));
      else resolve(stdout);
    });
    if (input) child.stdin?.end(input);
  });
}

/** Whether this OpenSSH still knows DSA keys (OpenSSH 10 dropped them). */
export function opensshKnowsDsa(): boolean {
  const { stdout } = spawnSync('ssh', ['-Q', 'key'], { encoding: 'utf8' });
  return stdout.split('\n').includes('ssh-dss');
}

export class TempDir {
  readonly path = mkdtempSync(join(tmpdir(), 'dew-ssh-keys-'));

  /** Private keys get mode 600: ssh-keygen refuses to read one that others may read. */
  write(name: string, content: string | Buffer, mode = 0o600): string {
    const file = join(this.path, name);
    writeFileSync(file, content, { mode });
    return file;
  }

  file(name: string): string {
    return join(this.path, name);
  }

  remove(): void {
    rmSync(this.path, { recursive: true, force: true });
  }
}

/** `ssh-keygen -l` output: "bits fingerprint comment (TYPE)". */
export interface KeygenListing {
  readonly bits: number;
  readonly fingerprint: string;
  readonly comment: string;
  readonly type: string;
}

export async function keygenListing(publicKeyFile: string, hash: 'md5' | 'sha256'): Promise<KeygenListing> {
  const out = (await run('ssh-keygen', ['-l', '-E', hash, '-f', publicKeyFile])).trim();
  const match = /^(\d+) (\S+) (.*) \((\w+)\)$/.exec(out);
  if (!match) throw new Error(`unexpected ssh-keygen -l output: ${out}`);
  return { bits: Number(match[1]), fingerprint: match[2]!, comment: match[3]!, type: match[4]! };
}
