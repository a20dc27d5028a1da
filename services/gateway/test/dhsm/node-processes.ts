import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The appliance nodes hsm-provisioning launched, found the way an operator would: the nodes'
 * event lines in the service's log (docs/hsm-appliance.md, "Lease") and their processes'
 * environments in /proc (HSM_INSTANCE_ID, HSM_NODE_ID).
 */
export interface NodeEvent { readonly event: string; readonly node?: string; readonly address?: string; readonly activationMs?: number }

/** The `active` lines of the instance whose floating address is `floating`, oldest first. */
export function activations(logFile: string, floating: string): NodeEvent[] {
  return readFileSync(logFile, 'utf8').split('\n').flatMap((line) => {
    if (!line.startsWith('{"event":"active"')) return [];
    const e = JSON.parse(line) as NodeEvent;
    return e.address === floating ? [e] : [];
  });
}

/** The first process whose environment and command line match, or undefined. */
function findProcess(matches: (env: readonly string[], cmd: string) => boolean): number | undefined {
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const env = readFileSync(join('/proc', entry, 'environ'), 'utf8').split('\0');
      if (matches(env, readFileSync(join('/proc', entry, 'cmdline'), 'utf8'))) return Number(entry);
    } catch {
      // gone meanwhile, or not ours
    }
  }
  return undefined;
}

/** The pid of node `nodeId` of the instance, or undefined when no such process runs. */
export function nodePid(instanceId: string, nodeId: string): number | undefined {
  return findProcess((env) => env.includes(`HSM_INSTANCE_ID=${instanceId}`) && env.includes(`HSM_NODE_ID=${nodeId}`));
}

/** The pid of a DEW service of the system whose data dir is `dataDir`. */
export function serviceProcess(dataDir: string, service: string): number | undefined {
  return findProcess((env, cmd) => env.includes(`DEW_DATA_DIR=${dataDir}`) && cmd.includes(`${service}/dist/main.js`));
}
