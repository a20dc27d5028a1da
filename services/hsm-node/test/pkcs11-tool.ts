import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';

export const SOFTHSM_LIBRARY = '/usr/lib/x86_64-linux-gnu/softhsm/libsofthsm2.so';

export interface ListedMechanism {
  /** OpenSC's name (e.g. AES-KEY-WRAP) or `mechtype-0x…` for one OpenSC has no name for. */
  readonly name: string;
  readonly keySize?: readonly [number, number];
  readonly flags: readonly string[];
}

/** p11-kit's client module (Debian p11-kit-modules): PKCS#11 over P11_KIT_SERVER_ADDRESS. */
export const P11_KIT_CLIENT = '/usr/lib/x86_64-linux-gnu/pkcs11/p11-kit-client.so';

/** `pkcs11-tool -M` (OpenSC) on a node's token, with that node's SoftHSM configuration. */
export async function pkcs11ToolMechanisms(nodeDataDir: string, tokenLabel: string): Promise<ListedMechanism[]> {
  return parseMechanisms(await pkcs11ToolOnNode(nodeDataDir, ['-M'], undefined, tokenLabel));
}

/**
 * pkcs11-tool straight on one of a node's tokens (SoftHSM, that node's configuration), the
 * application token unless named; the PIN, if any, from the environment.
 */
export async function pkcs11ToolOnNode(nodeDataDir: string, args: readonly string[], pin?: string, tokenLabel = 'dew-hsm'): Promise<string> {
  return pkcs11Tool(SOFTHSM_LIBRARY, { SOFTHSM2_CONF: join(nodeDataDir, 'softhsm2.conf') }, ['--token-label', tokenLabel, ...args], pin);
}

/** pkcs11-tool as an application runs it: p11-kit's client module, the bridge's socket; the PIN from the environment. */
export async function pkcs11ToolViaBridge(socketPath: string, args: readonly string[], pin?: string): Promise<string> {
  return pkcs11Tool(P11_KIT_CLIENT, { P11_KIT_SERVER_ADDRESS: `unix:path=${socketPath}` }, args, pin);
}

async function pkcs11Tool(module: string, env: Record<string, string>, args: readonly string[], pin?: string): Promise<string> {
  // `--pin env:NAME` keeps the PIN off the command line (visible to every process).
  const login = pin === undefined ? [] : ['--login', '--pin', 'env:DEW_TEST_PIN'];
  try {
    const { stdout } = await promisify(execFile)('pkcs11-tool', ['--module', module, ...login, ...args], {
      env: { PATH: process.env['PATH'], ...env, ...(pin === undefined ? {} : { DEW_TEST_PIN: pin }) },
    });
    return stdout;
  } catch (err) {
    const e = err as { stderr?: string; message: string };
    throw new Error(`pkcs11-tool ${args.join(' ')} failed: ${e.stderr ?? e.message}`);
  }
}

/**
 * One object as pkcs11-tool prints it: `kind` its heading line (e.g. `Secret Key Object; AES
 * length 32`), `id` its CKA_ID in hex ('' without one), `usage` and `access` the words of those lines.
 */
export type ListedObject = Readonly<Record<'kind' | 'label' | 'id', string> & Record<'usage' | 'access', readonly string[]>>;

/** The objects `pkcs11-tool --list-objects` prints, one heading line and indented attributes each. */
export function parseObjects(stdout: string): ListedObject[] {
  return stdout.split(/\n(?=\S)/).filter((block) => / Object;/.test(block)).map((block) => {
    const [kind, ...lines] = block.split('\n');
    const field = (name: string) => lines.map((l) => new RegExp(`^\\s+${name}:\\s*(.*)$`).exec(l)?.[1]?.trim()).find((v) => v !== undefined) ?? '';
    const list = (name: string) => field(name).split(',').map((w) => w.trim()).filter((w) => w !== '');
    return { kind: kind!.trim(), label: field('label'), id: field('ID'), usage: list('Usage'), access: list('Access') };
  });
}

export function parseMechanisms(stdout: string): ListedMechanism[] {
  return stdout.split('\n').filter((l) => l.startsWith('  ')).map((line) => {
    const size = /keySize=\{(\d+),(\d+)\}/.exec(line);
    const [name, ...rest] = line.replace(/keySize=\{\d+,\d+\},?/, '').split(',').map((p) => p.trim()).filter((p) => p !== '');
    return { name: name!, flags: rest, ...(size ? { keySize: [Number(size[1]), Number(size[2])] as const } : {}) };
  });
}

// CKF_* bits of CK_MECHANISM_INFO.flags (PKCS#11 2.40 §5.10) under the words pkcs11-tool prints.
const FLAG_WORDS: readonly [number, string][] = [
  [0x1, 'hw'], [0x100, 'encrypt'], [0x200, 'decrypt'], [0x400, 'digest'], [0x800, 'sign'], [0x1000, 'sign_recover'],
  [0x2000, 'verify'], [0x4000, 'verify_recover'], [0x8000, 'generate'], [0x10000, 'generate_key_pair'], [0x20000, 'wrap'],
  [0x40000, 'unwrap'], [0x80000, 'derive'], [0x100000, 'EC F_P'], [0x200000, 'EC F_2M'], [0x400000, 'EC parameters'],
  [0x800000, 'EC OID'], [0x1000000, 'EC uncompressed'], [0x2000000, 'EC compressed'],
];

export function flagWords(flags: number): string[] {
  return FLAG_WORDS.filter(([bit]) => (flags & bit) !== 0).map(([, word]) => word);
}
