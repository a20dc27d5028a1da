import { readFileSync } from 'node:fs';
import { processesMatching } from '../processes.js';

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

/** The pid of node `nodeId` of the instance, or undefined when no such process runs. */
export function nodePid(instanceId: string, nodeId: string): number | undefined {
  return processesMatching((p) => p.env.includes(`HSM_INSTANCE_ID=${instanceId}`) && p.env.includes(`HSM_NODE_ID=${nodeId}`))[0]?.pid;
}

/** The pid of a DEW service of the system whose data dir is `dataDir`. */
export function serviceProcess(dataDir: string, service: string): number | undefined {
  return processesMatching((p) => p.env.includes(`DEW_DATA_DIR=${dataDir}`) && p.cmd.includes(`${service}/dist/main.js`))[0]?.pid;
}
