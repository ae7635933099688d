import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { HTML_SCRIPT } from '../../../harness/reporters/html-assets.ts';
import { runHtml } from '../../../harness/reporters/html.ts';
import { MAX_BODY_CHARS, prettyBody } from '../../../harness/reporters/pretty-body.ts';
import { mixedRun } from './support.ts';

describe('the HTML reporter', () => {
  const html = runHtml(mixedRun());

  it('shows every case id, the verdict and the summary', () => {
    for (const id of ['P-PASS-001', 'P-FAIL-001', 'P-ERR-001', 'P-SKIP-001']) expect(html).toContain(id);
    expect(html).toContain('FAILED: 1 MUST case did not pass');
    expect(html).toMatch(/^<!doctype html>/);
  });

  it('escapes the failure text, and shows the request and answer bodies pretty', () => {
    expect(html).toContain('expected &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; more');
    expect(html).not.toContain('<script>alert');
    expect(html.match(/<script>/g)).toHaveLength(1);
    expect(html).toContain('&lt;a&gt;\n  &lt;b&gt;1&lt;/b&gt;\n&lt;/a&gt;');
    expect(html).toContain('{\n  &quot;svar&quot;: {\n    &quot;x&quot;: 1\n  }\n}');
    expect(html).toContain('authorization: (hidden)');
  });

  it('is self-contained: no external resource, and a CSP that forbids loading any', () => {
    expect(html).not.toMatch(/\b(src|href)\s*=\s*["']?\s*(https?:)?\/\//i);
    expect(html).not.toMatch(/<link\b/i);
    expect(html).toContain("default-src 'none'");
  });

  it('filters rows by verdict, level and text with its inline script', () => {
    const rows = ['fail MUST p-fail-001', 'error SHOULD p-err-001', 'pass MUST p-pass-001'].map((s) => {
      const [verdict, level, text] = s.split(' ');
      return {
        hidden: false,
        getAttribute: (n: string) => ({ 'data-verdict': verdict, 'data-level': level, 'data-text': text })[n],
      };
    });
    const listeners: Record<string, () => void> = {};
    const form = {
      elements: { verdict: { value: 'failed' }, level: { value: '' }, text: { value: '' } },
      addEventListener: (ev: string, f: () => void) => void (listeners[ev] = f),
    };
    const shown = { textContent: '' };
    const document = {
      getElementById: (id: string) => (id === 'filters' ? form : shown),
      querySelectorAll: () => rows,
    };
    runInNewContext(HTML_SCRIPT, { document });
    expect(rows.map((r) => r.hidden)).toEqual([false, false, true]);
    expect(shown.textContent).toBe('2 of 3 shown');
    form.elements.level.value = 'MUST';
    listeners.change?.();
    expect(rows.map((r) => r.hidden)).toEqual([false, true, true]);
    form.elements = { verdict: { value: '' }, level: { value: '' }, text: { value: 'pass' } };
    listeners.input?.();
    expect(rows.map((r) => r.hidden)).toEqual([true, true, false]);
  });
});

describe('bodies in reports', () => {
  it('are indented when XML or JSON, kept as they are otherwise, and cut when huge', () => {
    expect(prettyBody('<?xml version="1.0"?><e:Envelope><e:Body><x a="1"/></e:Body></e:Envelope>')).toBe(
      '<?xml version="1.0"?>\n<e:Envelope>\n  <e:Body>\n    <x a="1"/>\n  </e:Body>\n</e:Envelope>',
    );
    expect(prettyBody('<a><b>')).toBe('<a><b>');
    expect(prettyBody('{"a":')).toBe('{"a":');
    expect(prettyBody('plain text')).toBe('plain text');
    const huge = prettyBody('x'.repeat(MAX_BODY_CHARS + 5));
    expect(huge.endsWith('... (5 more characters not shown)')).toBe(true);
  });
});
