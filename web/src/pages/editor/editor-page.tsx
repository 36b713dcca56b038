import { useCallback, useEffect, useRef, useState } from 'react';
import { useDatasets } from '../../data/dataset-queries';
import { SAMPLE_ID } from '../../data/dataset-store';
import type { CompileCheck } from '../../engine/engine-api';
import { engineClient } from '../../engine/engine-client';
import {
  createStrategy,
  deleteStrategy,
  fileNameOf,
  listStrategies,
  renameStrategy,
  type StoredStrategy,
  saveStrategySource,
} from '../../strategies';
import { CodeEditor } from './code-editor';
import { errorMessage } from './editor-setup';
import { RunPanel } from './run-panel';
import { StrategyList } from './strategy-list';
import { useSourceRun } from './use-source-run';
import './editor-page.css';

const LAST_KEY = 'veloz-editor-last';
const LOG_LINES = 200;

const check = (text: string, fileName: string): Promise<CompileCheck> =>
  engineClient.api.check(text, fileName);

/** The Strategies page: write, check, save and run your own strategies. */
export function EditorPage() {
  const [strategies, setStrategies] = useState<StoredStrategy[] | null>(null);
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const [text, setText] = useState('');
  const [savedText, setSavedText] = useState('');
  const [checked, setChecked] = useState<{ check: CompileCheck; text: string } | null>(null);
  const [storeError, setStoreError] = useState<string | null>(null);
  const [datasetId, setDatasetId] = useState(SAMPLE_ID);
  const datasets = useDatasets();
  const { run, errorLine, start, cancel, clear } = useSourceRun();

  const selected = strategies?.find((s) => s.id === selectedId) ?? null;
  const dirty = selected !== null && text !== savedText;

  const open = useCallback(
    (s: StoredStrategy | null) => {
      setSelectedId(s?.id ?? null);
      setText(s?.source ?? '');
      setSavedText(s?.source ?? '');
      setChecked(null);
      clear();
      if (s) localStorage.setItem(LAST_KEY, s.id);
    },
    [clear],
  );

  const reload = useCallback(async (): Promise<StoredStrategy[]> => {
    const all = await listStrategies();
    setStrategies(all);
    return all;
  }, []);

  useEffect(() => {
    reload().then(
      (all) => open(all.find((s) => s.id === localStorage.getItem(LAST_KEY)) ?? all[0] ?? null),
      (e: unknown) => setStoreError(`cannot read the saved strategies: ${String(e)}`),
    );
  }, [reload, open]);

  const save = useCallback(async (): Promise<boolean> => {
    if (selectedId === null) return true;
    const r = await saveStrategySource(selectedId, text);
    if (!r.ok) {
      setStoreError(r.error);
      return false;
    }
    setSavedText(r.value.source);
    setStoreError(null);
    setStrategies((all) => all?.map((s) => (s.id === r.value.id ? r.value : s)) ?? null);
    return true;
  }, [selectedId, text]);

  // Nothing typed is lost: leaving the page saves unsaved text.
  const pending = useRef({ selectedId, text, dirty });
  pending.current = { selectedId, text, dirty };
  useEffect(
    () => () => {
      const p = pending.current;
      if (p.dirty && p.selectedId !== null) void saveStrategySource(p.selectedId, p.text);
    },
    [],
  );

  const select = async (id: string) => {
    if (id === selectedId) return;
    if (dirty && !(await save())) return;
    const all = await reload();
    open(all.find((s) => s.id === id) ?? null);
  };

  const create = async () => {
    if (dirty && !(await save())) return;
    const r = await createStrategy();
    if (!r.ok) {
      setStoreError(r.error);
      return;
    }
    await reload();
    open(r.value);
  };

  const rename = async (id: string, name: string): Promise<string | null> => {
    const r = await renameStrategy(id, name);
    if (!r.ok) return r.error;
    setStrategies(
      (all) => all?.map((s) => (s.id === id ? { ...s, name: r.value.name } : s)) ?? null,
    );
    return null;
  };

  const remove = async (id: string) => {
    await deleteStrategy(id);
    const all = await reload();
    if (id === selectedId) open(all[0] ?? null);
  };

  const fileName = selected ? fileNameOf(selected.name) : 'strategy.ts';
  const current = checked !== null && checked.text === text ? checked.check : null;
  const paramNames = useRef<readonly string[]>([]);
  if (current?.ok) paramNames.current = current.strategy.params.map((p) => p.name);

  return (
    <section className="page editor-page" aria-labelledby="page-title">
      <h2 id="page-title" className="page-title">
        Strategies
      </h2>
      {storeError !== null && (
        <p className="error-text" role="alert">
          {storeError}
        </p>
      )}
      <div className="editor-layout">
        <div className="editor-side">
          <StrategyList
            strategies={strategies}
            selectedId={selectedId}
            dirty={dirty}
            onSelect={(id) => void select(id)}
            onCreate={() => void create()}
            onRename={rename}
            onDelete={(id) => void remove(id)}
          />
          <RunPanel
            datasets={datasets.data}
            datasetId={datasetId}
            onDataset={setDatasetId}
            run={run}
            errorLine={errorLine}
            canRun={selected !== null}
            onRun={() => void start(datasetId, text, fileName)}
            onCancel={cancel}
          />
        </div>
        <div className="editor-main">
          {selected === null ? (
            <div className="card empty editor-placeholder">
              {strategies === null
                ? 'Loading…'
                : 'Make a strategy with “New from template”: it compiles and trades as it is.'}
            </div>
          ) : (
            <>
              <div className="editor-toolbar">
                <span className="editor-file" data-testid="editor-file">
                  {fileName}
                  {dirty && <span className="dirty-note"> (unsaved)</span>}
                </span>
                <CheckStatus check={current} />
                <button type="button" className="btn" onClick={() => void save()} disabled={!dirty}>
                  Save
                </button>
              </div>
              <div className="editor-frame">
                <CodeEditor
                  docKey={selected.id}
                  initialText={selected.source}
                  fileName={fileName}
                  check={check}
                  onChange={setText}
                  onChecked={(c, t) => setChecked({ check: c, text: t })}
                  onSave={() => void save()}
                  errorLine={errorLine}
                  paramNames={paramNames.current}
                />
              </div>
            </>
          )}
          {run.status === 'done' && run.logs.length > 0 && (
            <details className="card run-log">
              <summary>
                Log: {run.logs.length} line{run.logs.length === 1 ? '' : 's'}
                {run.logs.length > LOG_LINES ? ` (first ${LOG_LINES})` : ''}
              </summary>
              <pre>
                {run.logs
                  .slice(0, LOG_LINES)
                  .map((l) => `bar ${l.bar}: ${l.message}`)
                  .join('\n')}
              </pre>
            </details>
          )}
        </div>
      </div>
    </section>
  );
}

/** Whether the text compiles, as of the last check. */
function CheckStatus({ check: c }: { check: CompileCheck | null }) {
  if (c === null)
    return (
      <span className="check-status" data-testid="check-status" data-state="checking">
        Checking…
      </span>
    );
  if (c.ok)
    return (
      <span className="check-status ok" data-testid="check-status" data-state="ok">
        ✓ {c.strategy.name}
        {c.strategy.params.length > 0 &&
          ` (${c.strategy.params.map((p) => `${p.name}=${String(p.default)}`).join(', ')})`}
      </span>
    );
  return (
    <span className="check-status bad" data-testid="check-status" data-state="error">
      ✗ {c.line !== null ? `line ${c.line}:${c.column ?? 0}: ` : ''}
      {errorMessage(c.error)}
    </span>
  );
}
