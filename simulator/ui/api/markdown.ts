/** Escapes text for HTML character data and double- or single-quoted attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) =>
    c === '&' ? '&amp;' : c === '<' ? '&lt;' : c === '>' ? '&gt;' : c === '"' ? '&quot;' : '&#39;',
  );
}

/**
 * A link target the renderer keeps: a relative reference (a path, `#anchor` or `?query`) without a
 * scheme, not protocol-relative, of plain URL characters only. Anything else is shown as text.
 */
export function isRelativeHref(href: string): boolean {
  if (href === '' || /^[a-z][a-z0-9+.-]*:/i.test(href) || href.startsWith('//')) return false;
  return /^[A-Za-z0-9._~\-/#?=&%+]+$/.test(href);
}

const INLINE = /`([^`]+)`|\*\*(.+?)\*\*|\[([^\]]+)\]\(([^()\s]+)\)/g;

/** Inline Markdown: `code`, **bold**, [text](relative-path); everything else escaped. */
function inline(text: string, links = true): string {
  let out = '';
  let last = 0;
  for (const m of text.matchAll(INLINE)) {
    out += escapeHtml(text.slice(last, m.index));
    last = m.index + m[0].length;
    const [, code, bold, label, href] = m;
    if (code !== undefined) out += `<code>${escapeHtml(code)}</code>`;
    else if (bold !== undefined) out += `<strong>${inline(bold, links)}</strong>`;
    else if (label !== undefined && href !== undefined) {
      out +=
        links && isRelativeHref(href)
          ? `<a href="${escapeHtml(href)}">${inline(label, false)}</a>`
          : inline(label, false);
    }
  }
  return out + escapeHtml(text.slice(last));
}

const HEADING = /^(#{1,6})\s+(.*?)\s*#*\s*$/;
const ITEM = /^\s{0,3}([-*+]|\d{1,9}[.)])\s+(.*)$/;
const FENCE = /^\s{0,3}(```|~~~)/;
const RULE = /^\s{0,3}([-*_])(\s*\1){2,}\s*$/;

function listKind(marker: string): 'ul' | 'ol' {
  return /^\d/.test(marker) ? 'ol' : 'ul';
}

/**
 * A small, safe Markdown renderer for the release notes: ATX headings, paragraphs, bold, inline code,
 * fenced code blocks, flat bulleted and numbered lists, rules, and links to relative paths only.
 * No raw HTML passes: every character of the input is escaped, so `<script>` arrives as text.
 */
export function renderMarkdown(markdown: string): string {
  const lines = markdown.replace(/\r\n?/g, '\n').split('\n');
  const out: string[] = [];
  let paragraph: string[] = [];
  let list: { kind: 'ul' | 'ol'; items: string[] } | undefined;

  const flushParagraph = (): void => {
    if (paragraph.length > 0) out.push(`<p>${inline(paragraph.join(' '))}</p>`);
    paragraph = [];
  };
  const flushList = (): void => {
    if (list !== undefined)
      out.push(`<${list.kind}>${list.items.map((i) => `<li>${inline(i)}</li>`).join('')}</${list.kind}>`);
    list = undefined;
  };

  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] ?? '';
    if (FENCE.test(line)) {
      flushParagraph();
      flushList();
      const fence = (FENCE.exec(line) as RegExpExecArray)[1] as string;
      const code: string[] = [];
      for (i++; i < lines.length && !(lines[i] ?? '').trimStart().startsWith(fence); i++)
        code.push(lines[i] ?? '');
      out.push(`<pre><code>${escapeHtml(code.join('\n'))}</code></pre>`);
      continue;
    }
    if (line.trim() === '') {
      flushParagraph();
      // A list goes on across blank lines when the next non-blank line is an item of the same kind.
      const next = lines.slice(i + 1).find((l) => l.trim() !== '');
      const nextItem = next === undefined ? null : ITEM.exec(next);
      if (list !== undefined && (nextItem === null || listKind(nextItem[1] as string) !== list.kind))
        flushList();
      continue;
    }
    const heading = HEADING.exec(line);
    if (heading !== null) {
      flushParagraph();
      flushList();
      const level = (heading[1] as string).length;
      out.push(`<h${level}>${inline(heading[2] as string)}</h${level}>`);
      continue;
    }
    if (RULE.test(line) && paragraph.length === 0) {
      flushList();
      out.push('<hr>');
      continue;
    }
    const item = ITEM.exec(line);
    if (item !== null) {
      flushParagraph();
      const kind = listKind(item[1] as string);
      if (list !== undefined && list.kind !== kind) flushList();
      list ??= { kind, items: [] };
      list.items.push(item[2] as string);
      continue;
    }
    if (list !== undefined && /^\s/.test(line)) {
      // An indented line continues the current item.
      list.items[list.items.length - 1] += ` ${line.trim()}`;
      continue;
    }
    flushList();
    paragraph.push(line.trim());
  }
  flushParagraph();
  flushList();
  return out.join('\n');
}
