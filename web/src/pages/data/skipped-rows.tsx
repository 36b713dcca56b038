import type { SkippedRow } from '../../../../engine-core/src/market';
import { formatCount } from '../../data/dataset-format';

/** Skipped rows listed at most (the parser keeps 1 000; all are counted). */
export const SKIPPED_SHOWN = 200;

/** The rows an import skipped, `file:line: reason` each, the first 200 listed. */
export function SkippedRows({
  fileName,
  rows,
  total,
}: {
  readonly fileName: string;
  readonly rows: readonly SkippedRow[];
  readonly total: number;
}) {
  const shown = rows.slice(0, SKIPPED_SHOWN);
  return (
    <details className="skipped" open>
      <summary>
        {formatCount(total)} bad row{total === 1 ? '' : 's'} skipped
        {total > shown.length ? ` (the first ${formatCount(shown.length)} listed)` : ''}
      </summary>
      <ol className="skipped-list" data-testid="csv-skipped-list">
        {shown.map((r) => (
          <li key={r.line}>
            {fileName}:{r.line}: {r.reason}
          </li>
        ))}
      </ol>
    </details>
  );
}
