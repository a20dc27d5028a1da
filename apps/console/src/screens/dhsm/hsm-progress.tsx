import type { HsmDetail } from '../../api/dhsm';
import { LIFECYCLE } from './hsm-format';

const NEXT: Readonly<Record<string, string>> = {
  Installing: 'The instance is being installed (about 10 minutes). It then waits for activation.',
  'To be activated': 'Installed. Activate it to choose its network; its two nodes are then created.',
  Creating: 'The system is allocating the instance’s two nodes and floating address (5 to 10 minutes).',
};

/**
 * Where a new instance is in the guide's lifecycle: a list of its steps with the current one
 * marked, and a live region saying what happens next, refreshed while it provisions.
 */
export function HsmProgress({ instance }: { readonly instance: HsmDetail }) {
  const at = LIFECYCLE.indexOf(instance.status as (typeof LIFECYCLE)[number]);
  if (at < 0 || instance.status === 'Running') return null;
  return (
    <section aria-labelledby="progress-title" className="panel">
      <h2 id="progress-title">Provisioning</h2>
      <ol className="lifecycle">
        {LIFECYCLE.map((step, i) => (
          <li key={step} aria-current={i === at ? 'step' : undefined} className={i < at ? 'done' : i === at ? 'current' : undefined}>
            {step}
          </li>
        ))}
      </ol>
      <progress max={LIFECYCLE.length - 1} value={at} aria-label="Provisioning progress" />
      <p role="status">{NEXT[instance.status]}</p>
    </section>
  );
}
