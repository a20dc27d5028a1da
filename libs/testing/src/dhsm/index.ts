// A running Dedicated HSM instance for tests (`@dew/testing/dhsm`): bought through the API, its nodes
// launched by hsm-provisioning. A subpath of its own, so tests that need no HSM do not load gRPC.
export { APPLICATION_PORT, HSM, applicationClient, dewWithHsmNodes, initialisedAdmin, instanceCa, runningInstance } from './running-appliance.js';
export type { Detail, UkeyBody } from './running-appliance.js';
export { activations, nodePid, serviceProcess } from './node-processes.js';
export { failoverUnderLoad } from './failover-under-load.js';
export type { FailoverUnderLoad } from './failover-under-load.js';
export type { NodeEvent } from './node-processes.js';
