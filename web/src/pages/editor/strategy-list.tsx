import { useState } from 'react';
import type { StoredStrategy } from '../../strategies';

interface StrategyListProps {
  readonly strategies: readonly StoredStrategy[] | null;
  readonly selectedId: string | null;
  /** The selected strategy has unsaved changes. */
  readonly dirty: boolean;
  readonly onSelect: (id: string) => void;
  readonly onCreate: () => void;
  /** Resolves to an error to show, or null when renamed. */
  readonly onRename: (id: string, name: string) => Promise<string | null>;
  readonly onDelete: (id: string) => void;
}

/** The saved strategies: pick one, make one from the template, rename or delete one. */
export function StrategyList(props: StrategyListProps) {
  const [renaming, setRenaming] = useState<{ id: string; name: string; error: string | null }>();
  const [confirmDelete, setConfirmDelete] = useState<string | null>(null);
  const list = props.strategies;

  const submitRename = async () => {
    if (renaming === undefined) return;
    const error = await props.onRename(renaming.id, renaming.name);
    if (error === null) setRenaming(undefined);
    else setRenaming({ ...renaming, error });
  };

  return (
    <section className="card strategy-list" aria-labelledby="strategy-list-title">
      <h3 id="strategy-list-title" className="card-title">
        Saved strategies
      </h3>
      {list === null ? (
        <p className="empty">Loading…</p>
      ) : list.length === 0 ? (
        <p className="empty">
          No strategies yet. <strong>New from template</strong> gives one that compiles and trades.
        </p>
      ) : (
        <ul className="strategy-items">
          {list.map((s) => {
            const selected = s.id === props.selectedId;
            if (renaming?.id === s.id)
              return (
                <li key={s.id} className="strategy-item" aria-current={selected || undefined}>
                  <form
                    className="rename-form"
                    onSubmit={(e) => {
                      e.preventDefault();
                      void submitRename();
                    }}
                  >
                    <input
                      aria-label="New name"
                      // biome-ignore lint/a11y/noAutofocus: the field the user just asked for
                      autoFocus
                      value={renaming.name}
                      aria-invalid={renaming.error !== null || undefined}
                      onChange={(e) =>
                        setRenaming({ ...renaming, name: e.target.value, error: null })
                      }
                      onKeyDown={(e) => {
                        if (e.key === 'Escape') setRenaming(undefined);
                      }}
                    />
                    <button type="submit" className="btn small">
                      OK
                    </button>
                    <button
                      type="button"
                      className="btn ghost small"
                      onClick={() => setRenaming(undefined)}
                    >
                      Cancel
                    </button>
                    {renaming.error !== null && (
                      <span className="field-error" role="alert">
                        {renaming.error}
                      </span>
                    )}
                  </form>
                </li>
              );
            return (
              <li key={s.id} className="strategy-item" aria-current={selected || undefined}>
                <button
                  type="button"
                  className="strategy-name"
                  onClick={() => props.onSelect(s.id)}
                  aria-pressed={selected}
                >
                  {s.name}.ts
                  {selected && props.dirty && (
                    <span className="dirty-dot" title="unsaved changes">
                      ●
                    </span>
                  )}
                </button>
                {confirmDelete === s.id ? (
                  <span className="strategy-actions">
                    <button
                      type="button"
                      className="btn danger small"
                      onClick={() => {
                        setConfirmDelete(null);
                        props.onDelete(s.id);
                      }}
                    >
                      Delete {s.name}?
                    </button>
                    <button
                      type="button"
                      className="btn ghost small"
                      onClick={() => setConfirmDelete(null)}
                    >
                      Keep
                    </button>
                  </span>
                ) : (
                  <span className="strategy-actions">
                    <button
                      type="button"
                      className="btn ghost small"
                      aria-label={`Rename ${s.name}`}
                      onClick={() => setRenaming({ id: s.id, name: s.name, error: null })}
                    >
                      Rename
                    </button>
                    <button
                      type="button"
                      className="btn ghost small"
                      aria-label={`Delete ${s.name}`}
                      onClick={() => setConfirmDelete(s.id)}
                    >
                      Delete
                    </button>
                  </span>
                )}
              </li>
            );
          })}
        </ul>
      )}
      <button type="button" className="btn" onClick={props.onCreate}>
        New from template
      </button>
    </section>
  );
}
