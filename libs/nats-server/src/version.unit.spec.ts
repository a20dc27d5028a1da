import { renderNatsConfig } from './config.js';
import { clusterConcurrencyWarning, syncIntervalRefusal } from './version.js';

describe('syncIntervalRefusal: DEW_NATS_SYNC against the nats-server version', () => {
  it.each(['always', '1s', '500ms', '2m'])('"%s" is accepted on nats-server 2.10.23 and later', (value) => {
    expect(syncIntervalRefusal(value, '2.10.23')).toBeNull();
    expect(syncIntervalRefusal(value, '2.11.0')).toBeNull();
    expect(syncIntervalRefusal(value, '2.14.4')).toBeNull();
    expect(syncIntervalRefusal(value, '3.0.1')).toBeNull();
  });

  it.each(['2.10.0', '2.10.22', '2.9.25', '1.4.1'])('on nats-server %s (no sync_interval, or the releases that lost streams) it is refused', (version) => {
    expect(syncIntervalRefusal('always', version)).toContain(`this nats-server is ${version}`);
  });

  it('on nats-server 2.9 (which refuses the field) the refusal names the setting, the version needed and the version found', () => {
    expect(syncIntervalRefusal('always', '2.9.10')).toMatch(/^DEW_NATS_SYNC=always needs nats-server 2\.10\.23 or later .* this nats-server is 2\.9\.10/);
  });

  it.each(['', 'sometimes', '0s', '1 s', '-1s', 'always;'])('"%s" is refused as no interval, naming the value', (value) => {
    expect(syncIntervalRefusal(value, '2.10.23')).toBe(`DEW_NATS_SYNC must be "always" or a duration such as 1s or 500ms, got "${value}"`);
  });

  it('the config carries it inside the jetstream block', () => {
    expect(renderNatsConfig({ host: '127.0.0.1', port: 1, storeDir: '/s', syncInterval: 'always' })).toContain('jetstream {\n  store_dir: "/s"\n  sync_interval: "always"\n}\n');
  });
});

describe('clusterConcurrencyWarning', () => {
  it.each(['2.9.10', '2.9.20', '2.8.4'])('nats-server %s (before 2.9.21): a cluster is warned that two concurrent writes expecting one position may both be stored', (version) => {
    expect(clusterConcurrencyWarning(version)).toContain(`nats-server ${version} can store two concurrent writes`);
  });

  it.each(['2.9.21', '2.10.0', '2.12.1'])('nats-server %s: no warning', (version) => {
    expect(clusterConcurrencyWarning(version)).toBeNull();
  });
});
