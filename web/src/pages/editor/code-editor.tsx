import { indentWithTab } from '@codemirror/commands';
import { javascript, typescriptLanguage } from '@codemirror/lang-javascript';
import { linter, lintGutter } from '@codemirror/lint';
import { EditorState, type Extension } from '@codemirror/state';
import { EditorView, keymap } from '@codemirror/view';
import { basicSetup } from 'codemirror';
import { useEffect, useRef } from 'react';
import type { CompileCheck } from '../../engine/engine-api';
import {
  compileDiagnostic,
  editorHighlight,
  editorTheme,
  errorLineField,
  setErrorLine,
} from './editor-setup';
import { sdkCompletionSource } from './sdk-completion-source';

/** Pause after typing before the text is compiled (the lint). */
export const CHECK_DELAY_MS = 350;

interface CodeEditorProps {
  /** Another key: another document (fresh undo history). */
  readonly docKey: string;
  readonly initialText: string;
  readonly fileName: string;
  /** Compiles the text (the engine worker's `api.check`). */
  readonly check: (text: string, fileName: string) => Promise<CompileCheck>;
  readonly onChange: (text: string) => void;
  /** Every check's outcome, with the text it was for. */
  readonly onChecked: (check: CompileCheck, text: string) => void;
  /** Mod-S. */
  readonly onSave: () => void;
  /** The runtime error's line to highlight (1-based), or null. */
  readonly errorLine: number | null;
  /** The strategy's param names, for `p.` completions. */
  readonly paramNames: readonly string[];
}

/**
 * CodeMirror 6 with TypeScript, the SDK's completions, compile diagnostics from the engine
 * worker (debounced by the lint) and the runtime-error line. Uncontrolled: the text lives in the
 * editor and flows out through `onChange`; `docKey` swaps the document.
 */
export function CodeEditor(props: CodeEditorProps) {
  const host = useRef<HTMLDivElement>(null);
  const view = useRef<EditorView | null>(null);
  const latest = useRef(props);
  latest.current = props;

  const makeState = (text: string): EditorState => {
    const extensions: Extension[] = [
      basicSetup,
      javascript({ typescript: true }),
      typescriptLanguage.data.of({
        autocomplete: sdkCompletionSource(() => latest.current.paramNames),
      }),
      keymap.of([
        indentWithTab,
        {
          key: 'Mod-s',
          preventDefault: true,
          run: () => {
            latest.current.onSave();
            return true;
          },
        },
      ]),
      lintGutter(),
      linter(
        async (v) => {
          const text = v.state.doc.toString();
          const c = await latest.current.check(text, latest.current.fileName);
          latest.current.onChecked(c, text);
          return c.ok ? [] : [compileDiagnostic(v.state.doc, c)];
        },
        { delay: CHECK_DELAY_MS },
      ),
      errorLineField,
      editorTheme,
      editorHighlight,
      EditorView.contentAttributes.of({ 'aria-label': 'Strategy source' }),
      EditorView.updateListener.of((u) => {
        if (u.docChanged) latest.current.onChange(u.state.doc.toString());
      }),
    ];
    return EditorState.create({ doc: text, extensions });
  };

  // One view for the component's life; a new document per docKey.
  // biome-ignore lint/correctness/useExhaustiveDependencies: the state is rebuilt per docKey only
  useEffect(() => {
    const v = view.current;
    if (v === null) {
      view.current = new EditorView({
        state: makeState(latest.current.initialText),
        parent: host.current as HTMLDivElement,
      });
    } else {
      v.setState(makeState(latest.current.initialText));
    }
  }, [props.docKey]);

  useEffect(
    () => () => {
      view.current?.destroy();
      view.current = null;
    },
    [],
  );

  useEffect(() => {
    const v = view.current;
    if (v === null) return;
    const line = props.errorLine;
    v.dispatch({
      effects: [
        setErrorLine.of(line),
        ...(line !== null && line >= 1 && line <= v.state.doc.lines
          ? [EditorView.scrollIntoView(v.state.doc.line(line).from, { y: 'center' })]
          : []),
      ],
    });
  }, [props.errorLine]);

  return <div ref={host} className="code-editor" data-testid="code-editor" />;
}
