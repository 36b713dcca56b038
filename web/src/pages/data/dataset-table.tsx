import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { formatCount, formatUtcDay, formatUtcMinute } from '../../data/dataset-format';
import { useDatasets, useInvalidateDatasets } from '../../data/dataset-queries';
import {
  type DatasetMeta,
  type DatasetSource,
  deleteDataset,
  ensureSample,
  SAMPLE_ID,
} from '../../data/dataset-store';
import type { SampleStatus } from '../../data/use-ensure-sample';

const SOURCE_LABEL: Readonly<Record<DatasetSource, string>> = {
  sample: 'Sample',
  csv: 'CSV',
  synthetic: 'Synthetic',
  binance: 'Binance',
};

const errorText = (e: unknown): string => (e instanceof Error ? e.message : String(e));

/** The datasets in IndexedDB, with delete (confirmed inline) and re-creating the sample. */
export function DatasetTable({ sample }: { readonly sample: SampleStatus }) {
  const list = useDatasets();
  const invalidate = useInvalidateDatasets();
  const recreate = useMutation({ mutationFn: ensureSample, onSettled: invalidate });
  const rows = list.data ?? [];
  const hasSample = rows.some((d) => d.id === SAMPLE_ID);

  return (
    <section className="card data-card" aria-labelledby="datasets-title">
      <div className="data-card-head">
        <h3 id="datasets-title" className="data-card-title">
          Datasets{list.data ? <span className="data-count"> · {rows.length}</span> : null}
        </h3>
        {list.isSuccess && !hasSample && sample.state !== 'pending' ? (
          <button
            type="button"
            className="btn ghost btn-sm"
            onClick={() => recreate.mutate()}
            disabled={recreate.isPending}
          >
            {recreate.isPending ? 'Re-creating…' : 'Re-create sample'}
          </button>
        ) : null}
      </div>
      {recreate.isError ? (
        <p className="error-text" role="alert">
          Could not re-create the sample: {errorText(recreate.error)}
        </p>
      ) : null}
      {sample.state === 'failed' ? (
        <p className="error-text" role="alert">
          Could not store the bundled sample: {sample.message}
        </p>
      ) : null}
      {list.isPending ? (
        <p className="empty">Loading datasets…</p>
      ) : list.isError ? (
        <p className="error-text" role="alert">
          Could not read the datasets from IndexedDB: {errorText(list.error)}
        </p>
      ) : rows.length === 0 ? (
        <p className="empty">
          {sample.state === 'pending'
            ? 'Preparing the bundled sample…'
            : 'No datasets yet. Import a CSV file or download bars from Binance below.'}
        </p>
      ) : (
        <div className="table-scroll">
          <table className="data dataset-table">
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Symbol</th>
                <th scope="col">Interval</th>
                <th scope="col">Range (UTC)</th>
                <th scope="col">Rows</th>
                <th scope="col">Gaps</th>
                <th scope="col">Source</th>
                <th scope="col">
                  <span className="data-sr-only">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {rows.map((d) => (
                <DatasetRow key={d.id} d={d} onDeleted={invalidate} />
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

function DatasetRow({ d, onDeleted }: { readonly d: DatasetMeta; readonly onDeleted: () => void }) {
  const [confirming, setConfirming] = useState(false);
  const remove = useMutation({
    mutationFn: () => deleteDataset(d.id),
    onSuccess: onDeleted,
  });
  const range = `${formatUtcMinute(d.from)} → ${formatUtcMinute(d.to)} UTC (bar open times)`;
  return (
    <tr data-testid="dataset-row" data-dataset-id={d.id} aria-label={d.name}>
      <td className="dataset-name">
        <span className="dataset-name-text">{d.name}</span>
        {d.source === 'sample' || d.source === 'synthetic' ? (
          <span className="badge badge-warn">synthetic</span>
        ) : null}
        {d.note !== null ? <span className="dataset-note">{d.note}</span> : null}
      </td>
      <td>{d.symbol}</td>
      <td>{d.interval}</td>
      <td title={range}>
        {formatUtcDay(d.from)} → {formatUtcDay(d.to)}
      </td>
      <td data-testid="dataset-rows">{formatCount(d.rows)}</td>
      <td
        className={d.gaps > 0 ? 'dataset-gaps' : undefined}
        title={d.gaps > 0 ? `${d.gaps} gaps: missing bars are reported, never filled` : 'no gaps'}
      >
        {formatCount(d.gaps)}
      </td>
      <td>{SOURCE_LABEL[d.source]}</td>
      <td className="dataset-actions">
        {remove.isError ? (
          <span className="dataset-delete-error" role="alert">
            Delete failed: {errorText(remove.error)}{' '}
          </span>
        ) : null}
        {confirming ? (
          <span className="confirm">
            <button
              type="button"
              className="btn danger btn-sm"
              onClick={() => remove.mutate()}
              disabled={remove.isPending}
              aria-label={`Yes, delete ${d.name}`}
              // biome-ignore lint/a11y/noAutofocus: moves focus to the confirm that just replaced the focused Delete button
              autoFocus
            >
              {remove.isPending ? 'Deleting…' : 'Yes, delete'}
            </button>
            <button type="button" className="btn ghost btn-sm" onClick={() => setConfirming(false)}>
              Keep
            </button>
          </span>
        ) : (
          <button
            type="button"
            className="btn ghost btn-sm"
            onClick={() => setConfirming(true)}
            aria-label={`Delete ${d.name}`}
          >
            Delete
          </button>
        )}
      </td>
    </tr>
  );
}
