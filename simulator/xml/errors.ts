/** Thrown when a text is not a well-formed XML document; carries line and column where known. */
export class XmlSyntaxError extends Error {
  constructor(
    message: string,
    readonly line?: number,
    readonly column?: number,
  ) {
    super(message);
    this.name = 'XmlSyntaxError';
  }
}

/** Thrown when a document goes past what the reader follows (nesting depth). */
export class XmlLimitError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'XmlLimitError';
  }
}

/**
 * Thrown for a document type declaration (or an entity declaration) anywhere in the text: the reader
 * refuses them outright, so no entity is ever expanded and no external resource is ever read.
 */
export class XmlDoctypeError extends XmlSyntaxError {
  constructor(line: number, column: number) {
    super('a document type declaration (<!DOCTYPE ...>) or entity declaration is not accepted', line, column);
    this.name = 'XmlDoctypeError';
  }
}

/** Line and column (1-based) of an offset in a text, lines ending at LF. */
export function position(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let start = 0;
  for (let i = text.indexOf('\n'); i >= 0 && i < offset; i = text.indexOf('\n', i + 1)) {
    line++;
    start = i + 1;
  }
  return { line, column: offset - start + 1 };
}
