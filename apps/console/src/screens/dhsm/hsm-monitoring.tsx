import { hsmMonitoring, type HsmMonitoringPoint } from '../../api/dhsm';
import { useSignedIn } from '../../session';
import type { Sample } from '../../ui/chart-scale';
import { Details } from '../../ui/details';
import { ErrorNotice } from '../../ui/error-notice';
import { LineChart } from '../../ui/line-chart';
import { useLoad } from '../../ui/use-load';
import { usePolling } from '../../ui/use-polling';

/** The series is sampled once a minute (docs/hsm.md, "Monitoring"). */
const SAMPLE_MS = 60_000;

type Figure = 'network_latency_ms' | 'cpu_usage_percent' | 'memory_usage_mb' | 'current_connections';
const CHARTS: ReadonlyArray<{ readonly field: Figure; readonly title: string; readonly unit: string }> = [
  { field: 'cpu_usage_percent', title: 'CPU usage', unit: '%' },
  { field: 'memory_usage_mb', title: 'Memory usage', unit: 'MB' },
  { field: 'current_connections', title: 'Current connections', unit: 'connections' },
  { field: 'network_latency_ms', title: 'Network latency', unit: 'ms' },
];

const samplesOf = (series: readonly HsmMonitoringPoint[], field: Figure): Sample[] => series.map((p) => ({ t: Date.parse(p.time), v: p[field] }));

/** Guide 4.3 step 6: instance and network health, latency, CPU, memory and connections over the last hour. */
export function HsmMonitoring({ instanceId }: { readonly instanceId: string }) {
  const { api } = useSignedIn();
  const series = useLoad(() => hsmMonitoring(api, instanceId), [api, instanceId]);
  usePolling(true, series.reload, SAMPLE_MS);
  const points = series.data ?? [];
  const latest = points.at(-1);
  return (
    <section aria-labelledby="monitoring-title" className="panel">
      <header className="page-header">
        <h2 id="monitoring-title">Monitoring</h2>
        <div className="actions">
          <button type="button" onClick={series.reload} disabled={series.loading}>
            Refresh
          </button>
        </div>
      </header>
      <ErrorNotice error={series.error} />
      {series.data ? (
        <>
          <Details
            items={[
              ['Instance health', latest?.instance_health ?? 'No sample yet'],
              ['Network health', latest?.network_health ?? '—'],
              ['Samples (last hour)', String(points.length)],
            ]}
          />
          <div className="charts">
            {CHARTS.map((c) => (
              <LineChart key={c.field} title={c.title} unit={c.unit} samples={samplesOf(points, c.field)} />
            ))}
          </div>
        </>
      ) : null}
    </section>
  );
}
