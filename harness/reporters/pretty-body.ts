/** Longest body a report shows; the rest is cut with a note (reports stay openable). */
export const MAX_BODY_CHARS = 100_000;

function prettyJson(text: string): string | undefined {
  try {
    return JSON.stringify(JSON.parse(text) as unknown, null, 2);
  } catch {
    return undefined;
  }
}

/** Indents XML one element per line, keeping `<a>text</a>` together; undefined if the tags do not balance. */
function prettyXml(text: string): string | undefined {
  const tokens = text
    .split(/(<[^>]+>)/)
    .map((t) => t.trim())
    .filter((t) => t !== '');
  const lines: string[] = [];
  let depth = 0;
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i] ?? '';
    const pad = '  '.repeat(depth);
    const isTag = t.startsWith('<');
    const closing = t.startsWith('</');
    const selfContained = t.startsWith('<?') || t.startsWith('<!') || t.endsWith('/>');
    if (closing) {
      depth--;
      if (depth < 0) return undefined;
      lines.push('  '.repeat(depth) + t);
    } else if (isTag && !selfContained) {
      const text = tokens[i + 1];
      const close = tokens[i + 2];
      if (text !== undefined && !text.startsWith('<') && close?.startsWith('</')) {
        lines.push(pad + t + text + close);
        i += 2;
      } else {
        lines.push(pad + t);
        depth++;
      }
    } else lines.push(pad + t);
  }
  return depth === 0 ? lines.join('\n') : undefined;
}

/** A body for reading: JSON and XML indented (when they parse), anything else as it is; cut past MAX_BODY_CHARS. */
export function prettyBody(body: string): string {
  const cut = body.length > MAX_BODY_CHARS ? body.slice(0, MAX_BODY_CHARS) : body;
  const trimmed = cut.trim();
  let out = cut;
  if (cut === body && (trimmed.startsWith('{') || trimmed.startsWith('['))) out = prettyJson(trimmed) ?? cut;
  else if (cut === body && trimmed.startsWith('<')) out = prettyXml(trimmed) ?? cut;
  return cut === body ? out : `${out}\n... (${body.length - MAX_BODY_CHARS} more characters not shown)`;
}
