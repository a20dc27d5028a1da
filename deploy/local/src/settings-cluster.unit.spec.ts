import { runnerSettingsFromEnv } from './settings.js';

const settings = (env: Record<string, string>) => runnerSettingsFromEnv(env, '/repo', '/work');

describe('runnerSettingsFromEnv: cluster mode', () => {
  it('DEW_CLUSTER=3: three client ports from DEW_NATS_PORT, route ports 10 above, two replicas, R3 streams passed to the services', () => {
    const s = settings({ DEW_CLUSTER: '3', DEW_NATS_PORT: '5000' });
    expect(s.cluster).toEqual({ clientPorts: [5000, 5001, 5002], routePorts: [5010, 5011, 5012], serviceReplicas: 2 });
    expect(s.streams.replicas).toBe(3);
    expect(s.serviceEnv.DEW_STREAM_REPLICAS).toBe('3');
  });

  it('without DEW_CLUSTER: no cluster and R1 streams', () => {
    const s = settings({});
    expect(s.cluster).toBeUndefined();
    expect(s.streams.replicas).toBe(1);
  });

  it('explicit port lists: the first client port is the runner NATS port', () => {
    const s = settings({ DEW_CLUSTER: '3', DEW_NATS_CLUSTER_PORTS: '7001,7002,7003', DEW_NATS_ROUTE_PORTS: '8001,8002,8003' });
    expect(s.natsPort).toBe(7001);
    expect(s.cluster?.routePorts).toEqual([8001, 8002, 8003]);
  });

  it('a node count other than 1 or 3, or a port list of another length, is refused naming the variable', () => {
    expect(() => settings({ DEW_CLUSTER: '2' })).toThrow('DEW_CLUSTER must be 1 or 3, got "2"');
    expect(() => settings({ DEW_CLUSTER: '3', DEW_NATS_ROUTE_PORTS: '1,2' })).toThrow('DEW_NATS_ROUTE_PORTS must list 3 ports');
  });
});
