import { HighlightStyle, syntaxHighlighting } from '@codemirror/language';
import type { Diagnostic } from '@codemirror/lint';
import {
  type Extension,
  RangeSetBuilder,
  StateEffect,
  StateField,
  type Text,
} from '@codemirror/state';
import { Decoration, type DecorationSet, EditorView } from '@codemirror/view';
import { tags as t } from '@lezer/highlight';

/**
 * The editor's look, from the app's CSS variables (editor-page.css defines the `--cm-*` syntax
 * colours for both themes), so switching the theme needs no reconfiguration.
 */
export const editorTheme: Extension = EditorView.theme({
  '&': {
    color: 'var(--text)',
    backgroundColor: 'var(--surface)',
    height: '100%',
    fontSize: '13px',
  },
  '.cm-scroller': {
    fontFamily: 'ui-monospace, "SFMono-Regular", "DejaVu Sans Mono", Menlo, Consolas, monospace',
    lineHeight: '1.55',
  },
  '.cm-content': { caretColor: 'var(--accent)' },
  '.cm-cursor, .cm-dropCursor': { borderLeftColor: 'var(--accent)' },
  '&.cm-focused': { outline: 'none' },
  '&.cm-focused > .cm-scroller > .cm-selectionLayer .cm-selectionBackground, .cm-selectionBackground, ::selection':
    { backgroundColor: 'var(--cm-selection)' },
  '.cm-gutters': {
    backgroundColor: 'var(--surface)',
    color: 'var(--muted)',
    border: 'none',
    borderRight: '1px solid var(--border)',
  },
  '.cm-activeLine': { backgroundColor: 'var(--cm-active-line)' },
  '.cm-activeLineGutter': { backgroundColor: 'var(--cm-active-line)', color: 'var(--text)' },
  '.cm-matchingBracket, &.cm-focused .cm-matchingBracket': {
    backgroundColor: 'var(--cm-bracket)',
    outline: 'none',
  },
  '.cm-tooltip': {
    backgroundColor: 'var(--surface-2)',
    color: 'var(--text)',
    border: '1px solid var(--border)',
    borderRadius: '6px',
  },
  '.cm-tooltip-autocomplete > ul > li[aria-selected]': {
    backgroundColor: 'var(--cm-selection)',
    color: 'var(--text)',
  },
  '.cm-completionDetail': { color: 'var(--muted)', fontStyle: 'normal', marginLeft: '0.8em' },
  '.cm-completionInfo': { maxWidth: '320px' },
  '.cm-diagnostic-error': { borderLeftColor: 'var(--danger)' },
  '.cm-runtime-error-line': { backgroundColor: 'var(--cm-error-line)' },
  '.cm-panels': { backgroundColor: 'var(--surface-2)', color: 'var(--text)' },
  '.cm-searchMatch': { backgroundColor: 'var(--cm-search)' },
});

/** Syntax colours (CSS variables, see `editorTheme`). */
export const editorHighlight: Extension = syntaxHighlighting(
  HighlightStyle.define([
    {
      tag: [t.keyword, t.modifier, t.controlKeyword, t.operatorKeyword],
      color: 'var(--cm-keyword)',
    },
    { tag: [t.string, t.special(t.string), t.regexp], color: 'var(--cm-string)' },
    { tag: [t.number, t.bool, t.null, t.atom], color: 'var(--cm-number)' },
    {
      tag: [t.comment, t.lineComment, t.blockComment, t.docComment],
      color: 'var(--cm-comment)',
      fontStyle: 'italic',
    },
    { tag: [t.function(t.variableName), t.function(t.propertyName)], color: 'var(--cm-function)' },
    { tag: [t.definition(t.variableName), t.definition(t.propertyName)], color: 'var(--cm-def)' },
    { tag: [t.typeName, t.className, t.namespace], color: 'var(--cm-type)' },
    { tag: [t.propertyName], color: 'var(--cm-property)' },
    { tag: [t.operator, t.punctuation, t.separator, t.bracket], color: 'var(--cm-punct)' },
    { tag: t.invalid, color: 'var(--danger)' },
  ]),
);

/** Sets (a line number, 1-based) or clears (null) the highlighted runtime-error line. */
export const setErrorLine = StateEffect.define<number | null>();

/** The runtime error's line: a line decoration that follows edits until the next run clears it. */
export const errorLineField = StateField.define<DecorationSet>({
  create: () => Decoration.none,
  update(deco, tr) {
    let next = deco.map(tr.changes);
    for (const e of tr.effects) {
      if (!e.is(setErrorLine)) continue;
      if (e.value === null || e.value < 1 || e.value > tr.state.doc.lines) {
        next = Decoration.none;
        continue;
      }
      const b = new RangeSetBuilder<Decoration>();
      b.add(
        tr.state.doc.line(e.value).from,
        tr.state.doc.line(e.value).from,
        Decoration.line({ class: 'cm-runtime-error-line', attributes: { 'data-error-line': '' } }),
      );
      next = b.finish();
    }
    return next;
  },
  provide: (f) => EditorView.decorations.from(f),
});

/**
 * Where a compile error is in the text: from the 1-based line and column `api.check` gives (the
 * column clamped to the line; the word there underlined). No line: the first line.
 */
export function errorRange(
  doc: Text,
  line: number | null,
  column: number | null,
): { from: number; to: number } {
  const l = doc.line(Math.min(Math.max(line ?? 1, 1), doc.lines));
  const from = Math.min(l.from + Math.max((column ?? 1) - 1, 0), l.to);
  if (line === null) return { from: l.from, to: l.to };
  const word = /^[\w$]+/.exec(doc.sliceString(from, l.to));
  const to = Math.min(l.to, from + (word?.[0].length ?? 1));
  return to > from ? { from, to } : { from: Math.max(l.from, from - 1), to: from };
}

/** `ema.ts:3:14: Unexpected token` → `Unexpected token` (the gutter shows where). */
export function errorMessage(error: string): string {
  return error.replace(/^[^:\s]+\.(?:ts|js|mjs):(?:\d+:\d+:)?\s*/, '');
}

/** A lint diagnostic for a failed check. */
export function compileDiagnostic(
  doc: Text,
  check: { error: string; line: number | null; column: number | null },
): Diagnostic {
  const r = errorRange(doc, check.line, check.column);
  return { ...r, severity: 'error', source: 'compile', message: errorMessage(check.error) };
}
