import { Fragment, useState } from 'react';
import type { Trace } from '../../api/cts';
import { formatTime } from '../kms/key-format';
import { fieldText } from './trace-format';

export const TRACE_COLUMNS = ['Trace Name', 'Resource Type', 'Trace Source', 'Resource ID', 'Resource Name', 'Trace Status', 'Operator', 'Operation Time'];

/** One trace of the results and, once expanded (guide 5.2 step 5), every field the API answered, as it answered it. */
export function TraceRow({ trace }: { readonly trace: Trace }) {
  const [open, setOpen] = useState(false);
  const detailId = `trace-${trace.trace_id}`;
  return (
    <Fragment>
      <tr>
        <th scope="row">
          <button type="button" className="expander" aria-expanded={open} aria-controls={open ? detailId : undefined} onClick={() => setOpen(!open)} aria-label={`Trace ${trace.trace_name} of ${formatTime(trace.time)}: ${open ? 'collapse' : 'expand'}`}>
            {open ? '▾' : '▸'}
          </button>{' '}
          {trace.trace_name}
        </th>
        <td>{trace.resource_type}</td>
        <td>{trace.service_type}</td>
        <td>
          <code>{trace.resource_id || '—'}</code>
        </td>
        <td>{trace.resource_name || '—'}</td>
        <td>{trace.trace_rating}</td>
        <td>{trace.user.name || '—'}</td>
        <td>{formatTime(trace.time)}</td>
      </tr>
      {open ? (
        <tr id={detailId} className="trace-detail">
          <td colSpan={TRACE_COLUMNS.length}>
            <dl aria-label={`Trace ${trace.trace_id}`}>
              {Object.entries(trace).map(([field, value]) => (
                <div key={field}>
                  <dt>{field}</dt>
                  <dd>
                    <pre>{fieldText(value)}</pre>
                  </dd>
                </div>
              ))}
            </dl>
          </td>
        </tr>
      ) : null}
    </Fragment>
  );
}
