import { Text } from '@codemirror/state';
import { describe, expect, it } from 'vitest';
import { compileDiagnostic, errorMessage, errorRange } from './editor-setup';
import { lineIn } from './use-source-run';

const doc = Text.of(['import x;', '  const = 5;', 'end']);

describe('compile errors in the editor', () => {
  it('underlines the word at the 1-based line and column', () => {
    // line 2, column 9 is "=": one character; column 3 is "const".
    expect(errorRange(doc, 2, 9)).toEqual({ from: 10 + 8, to: 10 + 9 });
    expect(errorRange(doc, 2, 3)).toEqual({ from: 12, to: 17 });
  });

  it('clamps past the end of a line or the text; no line: the first line', () => {
    expect(errorRange(doc, 3, 99)).toEqual({ from: 25, to: 26 });
    expect(errorRange(doc, 9, 1)).toEqual({ from: 23, to: 26 });
    expect(errorRange(doc, null, null)).toEqual({ from: 0, to: 9 });
  });

  it('strips the file and position from the message', () => {
    expect(errorMessage('my-s.ts:2:9: Unexpected token')).toBe('Unexpected token');
    expect(errorMessage('my-s.ts: invalid strategy: name: too short')).toBe(
      'invalid strategy: name: too short',
    );
    expect(
      compileDiagnostic(doc, { error: 'a.ts:2:9: Unexpected token', line: 2, column: 9 }),
    ).toEqual({
      from: 18,
      to: 19,
      severity: 'error',
      source: 'compile',
      message: 'Unexpected token',
    });
  });

  it('finds the line a run error names in the file', () => {
    expect(lineIn('my-s.ts:12:5: TypeError: x (in onBar at bar 3)', 'my-s.ts')).toBe(12);
    expect(lineIn('cannot import "x"', 'my-s.ts')).toBeNull();
    expect(lineIn('not-my-s.ts:12:5: y', 'my-s.ts')).toBeNull();
  });
});
