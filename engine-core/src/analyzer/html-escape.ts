/** Escapes text for HTML element content and quoted attribute values. */
export function escapeHtml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

/**
 * JSON that is safe inside `<script type="application/json">`: `<`, `>` and `&` become `\u003c`
 * etc., so no `</script>` or `<!--` can appear, and U+2028/U+2029 are escaped too. `JSON.parse`
 * of the element's text gives back the value.
 */
export function jsonForScript(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, '\\u003c')
    .replace(/>/g, '\\u003e')
    .replace(/&/g, '\\u0026')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}

/**
 * JavaScript source made safe to inline in a `<script>` element: the `<` of every `</script` and
 * `<!--` (which valid code can only hold inside string, template or regex literals) becomes the
 * escape `\x3C`, which means `<` in all three, so the program is unchanged.
 */
export function scriptSafeSource(source: string): string {
  return source.replace(/<(\/script|!--)/gi, '\\x3C$1');
}
