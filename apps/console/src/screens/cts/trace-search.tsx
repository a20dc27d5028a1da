import { useState, type FormEvent } from 'react';
import { listTraces, type TraceFilters } from '../../api/cts';
import { useSignedIn } from '../../session';
import { ErrorNotice } from '../../ui/error-notice';
import { SelectField, TextField } from '../../ui/field';
import { Page } from '../../ui/page';
import { Pager } from '../../ui/pager';
import { ScrollTable } from '../../ui/scroll-table';
import { useLoad } from '../../ui/use-load';
import { CUSTOM, LEVELS, RANGES, RESOURCE_TYPES, TRACE_SOURCES, toLocalInput, windowOf } from './trace-format';
import { TRACE_COLUMNS, TraceRow } from './trace-row';

const ALL = '';
const all = (values: readonly string[], label = 'All') => [{ value: ALL, label }, ...values.map((v) => ({ value: v, label: v }))];

/**
 * Guide 5.2: traces of the last 7 days by time range, trace source, resource type, resource ID,
 * trace name, operator and level; newest first, a page at a time; a row expands to the whole trace.
 */
export function TraceSearch() {
  const { api, projectId } = useSignedIn();
  const [range, setRange] = useState(RANGES[0]?.value ?? CUSTOM);
  const [from, setFrom] = useState(() => toLocalInput(Date.now() - 3_600_000));
  const [to, setTo] = useState(() => toLocalInput(Date.now()));
  const [source, setSource] = useState(ALL);
  const [resourceType, setResourceType] = useState(ALL);
  const [resourceId, setResourceId] = useState('');
  const [traceName, setTraceName] = useState('');
  const [user, setUser] = useState('');
  const [level, setLevel] = useState(ALL);
  const [filters, setFilters] = useState<TraceFilters>(() => windowOf(range, from, to, Date.now()));
  const [marker, setMarker] = useState<string | undefined>(undefined);
  const found = useLoad(() => listTraces(api, filters, marker), [api, projectId, filters, marker]);

  const search = (e: FormEvent) => {
    e.preventDefault();
    setMarker(undefined);
    setFilters({
      ...windowOf(range, from, to, Date.now()),
      service_type: source, resource_type: resourceType, resource_id: resourceId, trace_name: traceName, user, trace_rating: level,
    });
  };
  const traces = found.data?.traces ?? [];
  return (
    <Page title="Trace List" crumbs={[{ label: 'Cloud Trace Service' }]}>
      <form onSubmit={search} className="filters" aria-label="Trace filters">
        <SelectField label="Time range" value={range} onChange={setRange} options={[...RANGES.map((r) => ({ value: r.value, label: r.label })), { value: CUSTOM, label: 'Custom' }]} />
        {range === CUSTOM ? (
          <>
            <TextField label="From" type="datetime-local" value={from} onChange={setFrom} required />
            <TextField label="To" type="datetime-local" value={to} onChange={setTo} required />
          </>
        ) : null}
        <SelectField label="Trace source" value={source} onChange={setSource} options={all(TRACE_SOURCES)} />
        <SelectField label="Resource type" value={resourceType} onChange={setResourceType} options={all(RESOURCE_TYPES)} />
        <TextField label="Resource ID" value={resourceId} onChange={setResourceId} />
        <TextField label="Trace name" value={traceName} onChange={setTraceName} hint="As CTS names it, e.g. createKey." />
        <TextField label="Operator" value={user} onChange={setUser} hint="The user name." />
        <SelectField label="Trace status" value={level} onChange={setLevel} options={all(LEVELS)} />
        <div className="actions">
          <button type="submit" className="primary">
            Search
          </button>
        </div>
      </form>
      <ErrorNotice error={found.error} />
      {found.loading ? <p aria-busy="true">Searching…</p> : null}
      {found.data && !found.loading ? (
        traces.length === 0 ? (
          <p role="status">No trace matches these filters in this time range.</p>
        ) : (
          <ScrollTable label="Traces" columns={TRACE_COLUMNS}>
            {traces.map((t) => (
              <TraceRow key={t.trace_id} trace={t} />
            ))}
          </ScrollTable>
        )
      ) : null}
      <Pager marker={marker} next={found.data?.meta_data.marker} go={setMarker} />
    </Page>
  );
}
