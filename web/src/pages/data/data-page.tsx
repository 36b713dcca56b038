import { useEnsureSample } from '../../data/use-ensure-sample';
import { CsvImportPanel } from './csv-import-panel';
import { DatasetTable } from './dataset-table';
import { DownloadPanel } from './download-panel';
import { SyntheticPanel } from './synthetic-panel';
import './data.css';

/** The Data page: the datasets in this browser and the CLI's sources (csv, binance, synthetic). */
export function DataPage() {
  const sample = useEnsureSample();
  return (
    <section className="page data-page" aria-labelledby="page-title">
      <div className="data-head">
        <h2 id="page-title" className="page-title">
          Data
        </h2>
        <p className="data-hint">
          Candle datasets stored in this browser (IndexedDB). Backtests and the optimizer read them
          from here.
        </p>
      </div>
      <DatasetTable sample={sample} />
      <div className="data-add">
        <CsvImportPanel />
        <DownloadPanel />
        <SyntheticPanel />
      </div>
    </section>
  );
}
