import type { z } from 'zod';

/** A parsed request part, or the `<field>: <reason>` message of a 400 bad_params. */
export type Parsed<T> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly message: string };

/** One problem with one field. */
export interface FieldIssue {
  readonly field: string;
  readonly reason: string;
}

/** `field: reason; field: reason`: every problem at once, so a client fixes them in one go. */
export function joinIssues(issues: readonly FieldIssue[]): string {
  return issues.map((i) => `${i.field}: ${i.reason}`).join('; ');
}

/**
 * zod's issues as field issues. Reasons are zod's words without the "Invalid input:" lead; they
 * name types and rules, never the value received (credential bodies go through here).
 */
export function fieldIssues(error: z.ZodError): FieldIssue[] {
  const out: FieldIssue[] = [];
  for (const issue of error.issues) {
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) out.push({ field: plainKey(key), reason: 'unknown field' });
      continue;
    }
    const field = issue.path.length === 0 ? 'body' : issue.path.map(String).join('.');
    out.push({ field, reason: issue.message.replace(/^Invalid input: /, '') });
  }
  return out;
}

/** Runs a schema; a failure becomes the joined message. */
export function parseWith<S extends z.ZodType>(schema: S, input: unknown): Parsed<z.output<S>> {
  const r = schema.safeParse(input);
  return r.success
    ? { ok: true, value: r.data }
    : { ok: false, message: joinIssues(fieldIssues(r.error)) };
}

/** A client's key made safe to quote: plain characters kept, others `?`, at most 40. */
function plainKey(key: string): string {
  return key === '' ? '?' : key.slice(0, 40).replace(/[^A-Za-z0-9_.-]/g, '?');
}
