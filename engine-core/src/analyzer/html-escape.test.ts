import { describe, expect, it } from 'vitest';
import { escapeHtml, jsonForScript, scriptSafeSource } from './html-escape';

describe('HTML escaping', () => {
  it('escapes the five HTML-special characters', () => {
    expect(escapeHtml(`<a href="x">'&'</a>`)).toBe(
      '&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;',
    );
  });

  it('keeps JSON for a script element free of tag openers and reversible', () => {
    const value = { s: '</script><!-- & \u2028 \u2029 >' };
    const text = jsonForScript(value);
    expect(text).not.toMatch(/[<>&\u2028\u2029]/);
    expect(JSON.parse(text)).toEqual(value);
  });

  it('neutralises </script and <!-- in inlined code without changing its meaning', () => {
    const source = 'var a = "</script>", b = `<!--x`, c = /<\\/SCRIPT>/u.source;';
    const safe = scriptSafeSource(source);
    expect(safe).not.toMatch(/<\/script|<!--/i);
    const run = (code: string): unknown[] => new Function(`${code} return [a, b, c];`)();
    expect(run(safe)).toEqual(run(source));
  });
});
