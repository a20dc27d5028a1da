import { canonicalBase64 } from '@dew/contracts';
import { SshKeyProblem } from './problems.js';

/** Base64 between "-----BEGIN label-----" and "-----END label-----" lines, `width` characters a line. */
export function armor(label: string, bytes: Buffer, width: number): string {
  const base64 = bytes.toString('base64');
  const lines: string[] = [];
  for (let at = 0; at < base64.length; at += width) lines.push(base64.slice(at, at + width));
  return `-----BEGIN ${label}-----\n${lines.join('\n')}\n-----END ${label}-----\n`;
}

/**
 * The bytes inside one armored block that is the whole (trimmed) text. Messages never show the
 * body: it is private key material.
 */
export function unarmor(text: string, label: string): Buffer {
  const lines = text.trim().split(/\r?\n/);
  if (lines[0] !== `-----BEGIN ${label}-----` || lines.at(-1) !== `-----END ${label}-----`) {
    throw new SshKeyProblem('BAD_FORMAT', `the ${label} block must be the whole text, from its BEGIN line to its END line`);
  }
  const bytes = canonicalBase64(lines.slice(1, -1).map((line) => line.trim()).join(''));
  if (!bytes) throw new SshKeyProblem('BAD_BASE64', `the body of the ${label} block is not base64`);
  return bytes;
}
