import type { KeypairSet, Server } from '../state/keypair-set.js';
import { compareText } from '../state/queries.js';

/** The project's servers by name (id breaks ties: names need not be unique). */
export function serversOfProject(state: KeypairSet, projectId: string): Server[] {
  return [...state.servers.values()]
    .filter((s) => s.projectId === projectId)
    .sort((a, b) => compareText(a.name, b.name) || compareText(a.id, b.id));
}
