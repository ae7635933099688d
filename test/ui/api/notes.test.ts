import { readFileSync } from 'node:fs';
import express from 'express';
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { RELEASE_NOTES } from '../../../simulator/server.ts';
import { escapeHtml, isRelativeHref, renderMarkdown } from '../../../simulator/ui/api/markdown.ts';
import { createReleaseNotesHandler } from '../../../simulator/ui/api/notes.ts';
import { makeScenario } from '../../support/factories.ts';
import { makeUi } from './support.ts';

describe('renderMarkdown', () => {
  it('renders headings, paragraphs, bold, code, lists and relative links', () => {
    const md = [
      '# Release notes',
      '',
      '## 0.2.0',
      '',
      'The **trainer page** at `/`: see',
      '[the admin API](docs/admin-api.md).',
      '',
      '- one `a<b`',
      '- two',
      '  continued',
      '',
      '1. first',
      '2. second',
    ].join('\n');
    expect(renderMarkdown(md)).toBe(
      [
        '<h1>Release notes</h1>',
        '<h2>0.2.0</h2>',
        '<p>The <strong>trainer page</strong> at <code>/</code>: see <a href="docs/admin-api.md">the admin API</a>.</p>',
        '<ul><li>one <code>a&lt;b</code></li><li>two continued</li></ul>',
        '<ol><li>first</li><li>second</li></ol>',
      ].join('\n'),
    );
  });

  it('escapes every character of the input: a <script> arrives as text', () => {
    const html = renderMarkdown(
      '# <script>alert(1)</script>\n\nText <img src=x onerror=alert(1)> & "quotes"\n\n- <b>x</b>\n\n**<i>bold</i>**',
    );
    expect(html).not.toMatch(/<script|<img|<b>|<i>/);
    expect(html).toBe(
      '<h1>&lt;script&gt;alert(1)&lt;/script&gt;</h1>\n<p>Text &lt;img src=x onerror=alert(1)&gt; &amp; &quot;quotes&quot;</p>\n<ul><li>&lt;b&gt;x&lt;/b&gt;</li></ul>\n<p><strong>&lt;i&gt;bold&lt;/i&gt;</strong></p>',
    );
    expect(renderMarkdown('```\n<script>x</script>\n```')).toBe(
      '<pre><code>&lt;script&gt;x&lt;/script&gt;</code></pre>',
    );
  });

  it('keeps links to relative paths only; others become their text', () => {
    expect(renderMarkdown('[x](javascript:alert(1))')).toBe('<p>[x](javascript:alert(1))</p>');
    expect(
      renderMarkdown(
        '[a](javascript:alert%281%29) [b](https://example.org/) [c](//evil.example/x) [d](data:text/html,x) [e](../docs/x.md#part) [f](#top) [g]("onmouseover=x)',
      ),
    ).toBe('<p>a b c d <a href="../docs/x.md#part">e</a> <a href="#top">f</a> g</p>');
    expect(isRelativeHref('JaVaScRiPt:alert(1)')).toBe(false);
    expect(isRelativeHref('docs/release-notes.md')).toBe(true);
    expect(isRelativeHref('/admin/version')).toBe(true);
    expect(escapeHtml(`<&>"'`)).toBe('&lt;&amp;&gt;&quot;&#39;');
  });
});

describe('GET /ui/api/release-notes', () => {
  it("answers the project's release notes as HTML", async () => {
    const { app } = makeUi({ scenario: makeScenario() });
    const res = await request(app).get('/ui/api/release-notes');
    expect(res.status).toBe(200);
    expect(res.type).toBe('application/json');
    expect(res.body).toEqual({ html: renderMarkdown(readFileSync(RELEASE_NOTES, 'utf8')) });
    expect(res.body.html).toMatch(/^<h1>Release notes<\/h1>/);
    expect(res.body.html).toContain('<strong>The contract.</strong>');
  });

  it('renders notes holding a <script> harmlessly', async () => {
    const { ui } = makeUi({ scenario: makeScenario() });
    const app = express().get(
      '/notes',
      createReleaseNotesHandler(ui, { read: () => '# Notes\n\n<script>alert(1)</script>' }),
    );
    const res = await request(app).get('/notes');
    expect(res.body).toEqual({ html: '<h1>Notes</h1>\n<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>' });
  });

  it('answers 500 problem+json when the notes cannot be read', async () => {
    const { ui } = makeUi({ scenario: makeScenario() });
    const app = express().get(
      '/notes',
      createReleaseNotesHandler(ui, {
        read: () => {
          throw new Error('ENOENT: no such file');
        },
      }),
    );
    const res = await request(app).get('/notes');
    expect(res.status).toBe(500);
    expect(res.type).toBe('application/problem+json');
    expect(JSON.parse(res.text)).toEqual({
      type: 'about:blank',
      title: 'The release notes cannot be read',
      status: 500,
      detail: 'ENOENT: no such file',
    });
  });
});

describe('GET /ui/api/driftinformation', () => {
  const scenario = makeScenario({
    name: 'drift',
    clock: { mode: 'fixed', at: '2026-06-01T08:00:00Z' },
    composite: {
      timeoutMs: 2000,
      maintenance: [{ from: '2026-06-10T18:00:00Z', to: '2026-06-10T20:00:00Z' }],
    },
    driftinformation: [
      { id: 'n1', kind: 'acute', title: 'Störning hos CSN', from: '2026-05-31T07:00:00Z', sources: ['CSN'] },
      {
        id: 'old',
        kind: 'resolved',
        title: 'Över',
        from: '2026-05-01T07:00:00Z',
        to: '2026-05-02T07:00:00Z',
      },
    ],
  });

  it("answers the active scenario's notices at its clock's now, split into in force and planned", async () => {
    const { app } = makeUi({ scenario });
    const res = await request(app).get('/ui/api/driftinformation');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      scenario: 'drift',
      now: '2026-06-01T08:00:00.000Z',
      active: [
        {
          id: 'n1',
          kind: 'acute',
          title: 'Störning hos CSN',
          from: '2026-05-31T07:00:00Z',
          sources: ['CSN'],
        },
      ],
      planned: [
        {
          id: 'maintenance-1',
          kind: 'planned',
          title: 'Planerat underhåll av Sammansatt bastjänst ekonomiskt bistånd',
          text: 'Tjänsten är inte tillgänglig under underhållet. Frågor besvaras med HTTP 503 och Retry-After.',
          from: '2026-06-10T18:00:00Z',
          to: '2026-06-10T20:00:00Z',
          sources: ['AF', 'CSN', 'FK', 'SKV', 'SO', 'TNS', 'MIV'],
        },
      ],
    });
  });

  it('shows a fault set live on a source as an acute notice', async () => {
    const { app, sim } = makeUi({ scenario });
    sim.ctx.runtime.setLiveFault('SKV', { mode: 'timeout', when: {} });
    const res = await request(app).get('/ui/api/driftinformation');
    expect(res.body.active).toContainEqual({
      id: 'live-SKV',
      kind: 'acute',
      title: 'Driftstörning hos Skatteverket',
      text: 'Källan svarar inte eller svarar med fel. Uppgifterna kan behöva inhämtas på annat sätt.',
      from: '2026-06-01T08:00:00.000Z',
      sources: ['SKV'],
    });
  });

  it('answers an empty list for a scenario without notices', async () => {
    const { app } = makeUi({
      scenario: makeScenario({ clock: { mode: 'fixed', at: '2026-06-01T08:00:00Z' } }),
    });
    const res = await request(app).get('/ui/api/driftinformation');
    expect(res.body).toEqual({ scenario: 'test', now: '2026-06-01T08:00:00.000Z', active: [], planned: [] });
  });
});
