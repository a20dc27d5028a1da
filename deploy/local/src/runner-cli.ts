import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { dirname, join, resolve } from 'node:path';
import { runnerSettingsFromEnv } from './settings.js';
import { startSystem } from './system.js';
import { renderOperationsDoc, withOperationsSection } from './operations-doc.js';
import { runAdminCommand } from './admin-cli.js';
import { ApiError } from './api-client.js';
import { runReplay } from './replay.js';
import { runProvisionStreams } from './provision-streams.js';
import { printHealth } from './health-cli.js';
import { runBackupCommand } from './backup/backup-cli.js';
import { migrateRootKey, parseMigrateArgs } from './root-key/migrate.js';
import { parseRotateArgs, rootKeyStatus, rotateRootKey } from './root-key/rotate.js';
import { openRootKey } from '@dew/crypto';


const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
/** The runner's own commands (cli.ts sends the service commands to cli/main.ts). */
const command = process.argv[2] ?? 'run';

async function run(): Promise<void> {
  const settings = runnerSettingsFromEnv(process.env, repoRoot, process.cwd());
  if (settings.rootKeyInDataDir) {
    console.warn(`warning: the root key is kept in ${settings.rootKeyFile}, inside the data dir; a backup of the data dir then holds its own key. Set DEW_ROOT_KEY_FILE to keep it elsewhere.`);
  }
  const system = await startSystem(settings, process.env.DEW_LOG_TO_TERMINAL === '1', (line) => console.error(line));
  const lines = [
    '',
    'DEW is running.',
    `  gateway:    ${system.endpoint}`,
    `  project id: ${system.projectId}`,
    `  logs:       ${system.logDir}`,
    `  root key:   ${system.rootKey}`,
  ];
  if (system.createdCredentials) {
    const c = system.createdCredentials;
    lines.push(
      '  bootstrap administrator (shown once; also written to a 0600 file):',
      `    domain:     ${c.domain_name} (${c.domain_id})`,
      `    user:       ${c.user_name}`,
      `    access key: ${c.access}`,
      `    secret key: ${c.secret}`,
      `    file:       ${system.credentialsFile}`,
    );
  } else {
    lines.push(`  administrator credentials: ${system.credentialsFile} (mode 0600)`);
  }
  lines.push('Press Ctrl-C to stop.', '');
  console.log(lines.join('\n'));
  console.log(`DEW ready at ${system.endpoint}`);

  let stopping = false;
  const shutdown = async (code: number) => {
    if (stopping) return;
    stopping = true;
    console.log('stopping DEW…');
    await system.stop();
    console.log('DEW stopped.');
    process.exit(code);
  };
  process.on('SIGINT', () => void shutdown(0));
  process.on('SIGTERM', () => void shutdown(0));
  const failed = await system.failed;
  if (!stopping) {
    console.error(`${failed.name} ${failed.reason}; stopping DEW. Last lines of ${failed.logFile}:\n${failed.lastLogLines}`);
    await shutdown(1);
  }
}

if (command === 'run') {
  run().catch((err: unknown) => {
    console.error(`DEW failed to start: ${(err as Error).message}`);
    process.exit(1);
  });
} else if (command === 'admin') {
  const settings = runnerSettingsFromEnv(process.env, repoRoot, process.cwd());
  runAdminCommand(process.argv.slice(3), join(settings.dataDir, 'admin-credentials.json'))
    .then((result) => console.log(JSON.stringify(result, null, 2)))
    .catch((err: unknown) => {
      console.error(err instanceof ApiError ? `refused: ${JSON.stringify(err.body)}` : (err as Error).message);
      process.exit(1);
    });
} else if (command === 'replay') {
  runReplay(runnerSettingsFromEnv(process.env, repoRoot, process.cwd()), process.env)
    .then((code) => process.exit(code))
    .catch((err: unknown) => {
      console.error(`replay failed: ${(err as Error).message}`);
      process.exit(2);
    });
} else if (command === 'health') {
  printHealth(runnerSettingsFromEnv(process.env, repoRoot, process.cwd()), process.env).catch((err: unknown) => {
    console.error(`health failed: ${(err as Error).message}`);
    process.exit(1);
  });
} else if (command === 'backup' || command === 'restore') {
  runBackupCommand(command, process.argv.slice(3), () => runnerSettingsFromEnv(process.env, repoRoot, process.cwd()), process.env).then((code) => process.exit(code));
} else if (command === 'provision-streams') {
  runProvisionStreams(runnerSettingsFromEnv(process.env, repoRoot, process.cwd()), process.env)
    .then(() => console.log('streams provisioned'))
    .catch((err: unknown) => {
      console.error(`provisioning failed: ${(err as Error).message}`);
      process.exit(1);
    });
} else if (command === 'root-key' && process.argv[3] === 'init') {
  try {
    const key = openRootKey(runnerSettingsFromEnv(process.env, repoRoot, process.cwd()).rootKey);
    key.close();
    console.log(`${key.created ? 'created' : 'found'} the root key ${key.provider.description}`);
  } catch (err) {
    console.error(`root key init failed: ${(err as Error).message}`);
    process.exit(1);
  }
} else if (command === 'root-key' && process.argv[3] === 'rotate') {
  Promise.resolve()
    .then(() => rotateRootKey(runnerSettingsFromEnv(process.env, repoRoot, process.cwd()), process.env, parseRotateArgs(process.argv.slice(3)), (line) => console.log(line)))
    .catch((err: unknown) => {
      console.error(`root key rotation refused: ${(err as Error).message}`);
      process.exit(1);
    });
} else if (command === 'root-key' && process.argv[3] === 'status') {
  rootKeyStatus(runnerSettingsFromEnv(process.env, repoRoot, process.cwd()), process.env)
    .then((lines) => console.log(lines.join('\n')))
    .catch((err: unknown) => {
      console.error(`root key status failed: ${(err as Error).message}`);
      process.exit(1);
    });
} else if (command === 'root-key') {
  Promise.resolve()
    .then(() => migrateRootKey(runnerSettingsFromEnv(process.env, repoRoot, process.cwd()), process.env, parseMigrateArgs(process.argv.slice(3))))
    .then((report) => {
      const left = Object.values(report).reduce((n, c) => n + c.left, 0);
      console.log(left > 0 ? `root key migration paused: ${left} blob(s) left; run the command again` : 'root key migration complete; start DEW with the new DEW_ROOT_KEY_PROVIDER');
    })
    .catch((err: unknown) => {
      console.error(`root key migration failed: ${(err as Error).message}`);
      process.exit(1);
    });
} else if (command === 'operations-doc') {
  const root = fileURLToPath(new URL('../../..', import.meta.url));
  const docPath = `${root}/docs/architecture.md`;
  writeFileSync(docPath, withOperationsSection(readFileSync(docPath, 'utf8'), renderOperationsDoc(root)));
  console.log(`wrote the operation table into ${docPath}`);
} else if (command === 'k8s-generate') {
  // Imported here only: the generator's YAML writer is a development dependency, absent from the image.
  import('./k8s/generate.js')
    .then(({ writeK8sGeneratedFiles }) => console.log(`wrote ${writeK8sGeneratedFiles(fileURLToPath(new URL('../../..', import.meta.url))).join(', ')}`))
    .catch((err: unknown) => {
      console.error(`k8s-generate failed: ${(err as Error).message}`);
      process.exit(1);
    });
} else {
  console.error(`unknown command ${command}; usage: dew run | dew replay | dew health | dew backup <dir> [--include-root-key] | dew restore <dir> | dew provision-streams | dew root-key init | dew root-key migrate --to pkcs11|file [--limit N] | dew root-key rotate [--wait] [--timeout SECONDS] | dew root-key status | dew admin <command> | dew k8s-generate | dew operations-doc`);
  process.exit(2);
}
