#!/usr/bin/env node
/**
 * `dew`: the runner's commands (runner-cli.ts) and the command line over every API operation
 * (cli/main.ts). Each is loaded only when asked for, so an API call does not load the runner.
 */
const RUNNER_COMMANDS = new Set(['run', 'replay', 'health', 'backup', 'restore', 'provision-streams', 'root-key', 'operations-doc', 'k8s-generate', 'admin']);

const command = process.argv[2];
if (command !== undefined && RUNNER_COMMANDS.has(command)) {
  await import('./runner-cli.js');
} else {
  const { runCli } = await import('./cli/main.js');
  const { terminalPrompter } = await import('./cli/terminal-prompt.js');
  process.exitCode = await runCli(process.argv.slice(2), process.env, {
    out: (text) => process.stdout.write(`${text}\n`),
    err: (text) => process.stderr.write(`${text}\n`),
    ...(process.stdin.isTTY && process.stdout.isTTY ? { prompter: terminalPrompter(process.stdin, process.stdout) } : {}),
  });
}
