import { spawn } from 'node:child_process';

export interface ToolResult {
  /** Null when a signal ended the tool. */
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs `command` (no shell) to its end; with `input`, that is its stdin, otherwise stdin is closed. */
export function runTool(command: string, args: readonly string[], input?: string): Promise<ToolResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: [input === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout?.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr?.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.once('error', reject);
    child.once('close', (code) => resolve({ code, stdout, stderr }));
    // A tool may exit without reading all of its input (EPIPE); its exit code says how it went.
    child.stdin?.on('error', () => undefined).end(input);
  });
}

/**
 * Like runTool, but a non-zero exit throws, naming the command and its stderr. Only for tools
 * whose arguments and stderr hold no secret (the input is never shown).
 */
export async function runToolOrThrow(command: string, args: readonly string[], input?: string): Promise<string> {
  const result = await runTool(command, args, input);
  if (result.code !== 0) throw new Error(`${command} ${args.join(' ')} failed (exit ${result.code}): ${result.stderr.trim()}`);
  return result.stdout;
}
