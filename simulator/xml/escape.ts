/** Markup characters, and characters XML 1.0 cannot hold at all (C0 controls but tab, LF, CR; U+FFFE, U+FFFF; unpaired surrogates). */
// eslint-disable-next-line no-control-regex
const SPECIAL = /[&<>"']|[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/**
 * Escapes text for use as XML character data or in a double-quoted attribute value. A character XML
 * cannot hold becomes U+FFFD, so what is written is always well-formed (even echoing hostile input).
 */
export function escapeXml(text: string): string {
  return text.replace(SPECIAL, (c) =>
    c === '&' ? '&amp;' : c === '<' ? '&lt;' : c === '>' ? '&gt;' : c === '"' ? '&quot;' : c === "'" ? '&apos;' : '\uFFFD',
  );
}
