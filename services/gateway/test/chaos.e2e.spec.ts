import { chaosTable, runChaos, type ChaosReport } from '@dew/testing/chaos';

// `make chaos` in its short form (docs/faults.md): every process of `make run` killed with SIGKILL
// in turn under a steady mixed load from a process of its own.

describe('make chaos, short form', () => {
  it('every service, nats-server and the active HSM node killed in turn under load: each restarted and serving again, no error but 503s, client timeouts and refused connections, every acknowledged write (and its trace) read back once, the replay identical', async () => {
    const report: ChaosReport = await runChaos({ short: true, log: (line) => process.stdout.write(`chaos: ${line}\n`) });
    console.log(chaosTable(report));
    expect(report.faults.map((f) => f.phase)).toEqual(['kms', 'iam', 'csms', 'kps', 'audit', 'hsm-provisioning', 'gateway', 'nats-server', 'active HSM node']);
    // The application on the Dedicated HSM instance: every answer right, carried across the takeover, old keys intact.
    expect(report.hsm).toMatchObject({ wrong: 0, failures: 0, keysSurvived: true });
    expect(report.hsm?.ok).toBeGreaterThan(0);
    for (const f of report.faults) {
      expect({ fault: f.phase, serverFaults: f.serverFaults, unexplained: f.unexplained, recovered: Number.isFinite(f.recoverySeconds) }).toEqual({ fault: f.phase, serverFaults: [], unexplained: [], recovered: true });
    }
    // Without a fault, not one error.
    expect(report.steady.statuses).toEqual({});
    expect(report.acked.checked.keys).toBeGreaterThan(10);
    expect(report.acked.checked.keypairs).toBeGreaterThan(5);
    expect(report.acked.missing).toEqual([]);
    expect(report.acked.duplicates).toEqual([]);
    expect({ identical: report.replay.identical, output: report.replay.identical ? '' : report.replay.output }).toEqual({ identical: true, output: '' });
  }, 600_000);
});
