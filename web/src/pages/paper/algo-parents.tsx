import { useState } from 'react';
import type { ParentProgress } from '../../../../engine-core/src/exec';
import type { Instrument } from '../../../../engine-core/src/model';
import type { AlgoAction, PaperView } from '../../paper/paper-api';
import { parentRow } from './algo-parents-rows';
import { formatStep, plainStep } from './instrument-format';
import type { PaperSource } from './paper-source';
import { sameShallow, useViewSlice } from './view-slice';

const NONE: readonly ParentProgress[] = [];
/** A quantity to the lot's decimals, trailing zeros dropped (a sum of fills carries float dust). */
const lots = (x: number, lot: number) => String(Number(plainStep(x, lot)));
const selectAlgos = (v: PaperView) => v.algos ?? NONE;
/** Same parents with the same numbers and state (the state is an object: compared by field). */
const sameAlgos = (a: readonly ParentProgress[], b: readonly ParentProgress[]) =>
  a.length === b.length &&
  a.every((p, i) => {
    const q = b[i] as ParentProgress;
    return (
      sameShallow({ ...p, state: null }, { ...q, state: null }) && sameShallow(p.state, q.state)
    );
  });

/** The parent (algo) orders: state, progress, children; Pause, Resume and Cancel. */
export function AlgoParents({
  source,
  inst,
}: {
  readonly source: PaperSource;
  readonly inst: Instrument;
}) {
  const algos = useViewSlice(source.store, selectAlgos, sameAlgos);
  const [error, setError] = useState<string | null>(null);
  const act = (id: string, action: AlgoAction) => {
    setError(null);
    source.commands
      .controlAlgo(id, action)
      .then((r) => setError(r.ok ? null : r.error))
      .catch((x: unknown) => setError(String(x)));
  };
  return (
    <section className="card pp-algos" aria-labelledby="pp-algos-title">
      <h3 id="pp-algos-title" className="pp-card-title">
        Algo orders{' '}
        <span className="pp-hint" data-testid="algo-journal-note">
          journaled with the account: after a reload they go on where they were
        </span>
      </h3>
      {algos.length === 0 ? (
        <p className="pp-hint" data-testid="algos-empty">
          No algo orders. Pick an algo in the ticket to start one.
        </p>
      ) : (
        <table className="data" aria-label="Algo orders" data-testid="algo-parents">
          <thead>
            <tr>
              <th scope="col">Parent</th>
              <th scope="col">State</th>
              <th scope="col">Filled</th>
              <th scope="col">Avg</th>
              <th scope="col">Children</th>
              <th scope="col">Actions</th>
            </tr>
          </thead>
          <tbody>
            {algos.map(parentRow).map((r) => (
              <tr
                key={r.id}
                data-parent={r.id}
                data-state={r.state}
                data-filled={r.filled}
                data-sent={r.childrenSent}
                data-child={r.child}
                data-shortfall={r.shortfall}
              >
                <th scope="row">
                  {r.id} <span className="pp-hint">{r.label}</span>
                </th>
                <td title={r.why}>
                  {r.state}
                  {r.shortfall > 0 && (
                    <strong data-testid="algo-shortfall">
                      {' '}
                      short {lots(r.shortfall, inst.lotSize)}
                    </strong>
                  )}
                  {r.why && <span className="pp-hint"> {r.why}</span>}
                </td>
                <td>
                  <progress max={1} value={r.progress} aria-label={`${r.id} filled`} />{' '}
                  {lots(r.filled, inst.lotSize)}/{lots(r.total, inst.lotSize)}
                </td>
                <td>{r.avgPrice === null ? '—' : formatStep(r.avgPrice, inst.tickSize)}</td>
                <td>
                  {r.childrenSent} sent · {r.childrenWorking} working{' '}
                  <span className="pp-hint">({r.child})</span>
                </td>
                <td>
                  {r.actions.pause && (
                    <button
                      type="button"
                      className="btn ghost"
                      aria-label={`Pause ${r.id}`}
                      onClick={() => act(r.id, 'pause')}
                    >
                      Pause
                    </button>
                  )}
                  {r.actions.resume && (
                    <button
                      type="button"
                      className="btn ghost"
                      aria-label={`Resume ${r.id}`}
                      onClick={() => act(r.id, 'resume')}
                    >
                      Resume
                    </button>
                  )}
                  {r.actions.cancel && (
                    <button
                      type="button"
                      className="btn ghost"
                      aria-label={`Cancel ${r.id}`}
                      onClick={() => act(r.id, 'cancel')}
                    >
                      Cancel
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {error && (
        <p className="error-text" role="alert">
          {error}
        </p>
      )}
    </section>
  );
}
