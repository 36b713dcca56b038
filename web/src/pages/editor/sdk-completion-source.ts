import {
  type Completion,
  type CompletionContext,
  type CompletionResult,
  type CompletionSource,
  snippetCompletion,
} from '@codemirror/autocomplete';
import { syntaxTree } from '@codemirror/language';
import { type SdkEntry, sdkMatch } from './sdk-catalog';

const NO_COMPLETE = new Set(['String', 'TemplateString', 'LineComment', 'BlockComment']);

function toCompletion(e: SdkEntry, member: boolean): Completion {
  const base: Completion = {
    label: e.label,
    type: e.type,
    detail: e.detail,
    ...(e.info === undefined ? {} : { info: e.info }),
    // Above the language's own words when after `x.`; among them at the top level.
    boost: member ? 10 : 1,
  };
  return e.snippet === undefined ? base : snippetCompletion(e.snippet, base);
}

/**
 * Completes the strategy SDK (see `sdkMatch`); `paramNames` gives the strategy's param names as
 * the last successful check found them. Nothing inside strings and comments.
 */
export function sdkCompletionSource(paramNames: () => readonly string[]): CompletionSource {
  return (context: CompletionContext): CompletionResult | null => {
    const node = syntaxTree(context.state).resolveInner(context.pos, -1);
    if (NO_COMPLETE.has(node.name)) return null;
    const line = context.state.doc.lineAt(context.pos);
    const before = context.state.sliceDoc(line.from, context.pos);
    const match = sdkMatch(before, context.state.doc.toString(), paramNames(), context.explicit);
    if (match === null || match.entries.length === 0) return null;
    return {
      from: line.from + match.from,
      options: match.entries.map((e) => toCompletion(e, match.member)),
      validFor: /^[\w$]*$/,
    };
  };
}
