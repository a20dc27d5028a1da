import type { StreamAnomaly } from '@dew/event-store';
import { ANOMALY_LOG_EVERY_MS, anomalyLog } from './anomaly-log.js';

const stray = (seq: number, stream = 'EVT_KMS'): StreamAnomaly => ({ kind: 'foreign-message', stream, subject: 'evt.kms.p.keyring', streamSequence: seq, reason: 'its body is no JSON' });

describe('anomalyLog: stream anomalies in the log, a flood of them not', () => {
  it('1000 stray messages within the interval: one line; the next line after it counts the rest', () => {
    const lines: object[] = [];
    let t = 0;
    const log = anomalyLog({ warn: (fields) => lines.push(fields) }, () => t);
    for (let i = 1; i <= 1000; i++) log(stray(i));
    expect(lines).toHaveLength(1);
    t = ANOMALY_LOG_EVERY_MS;
    log(stray(1001));
    expect(lines).toHaveLength(2);
    expect(lines[1]).toMatchObject({ alsoMetSinceLastLine: 999, anomaly: { streamSequence: 1001 } });
  });

  it('another stream or kind gets its own first line at once', () => {
    const lines: object[] = [];
    const log = anomalyLog({ warn: (fields) => lines.push(fields) }, () => 0);
    log(stray(1));
    log(stray(2, 'AUDIT'));
    log({ ...stray(3), kind: 'refold' });
    expect(lines).toHaveLength(3);
  });
});
