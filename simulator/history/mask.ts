/**
 * A personidentitet in free text: 12 digits (century 18, 19 or 20, optionally with - or + before the
 * last four: 198507142381, 19850714-2381) or 10 digits with - or + before the last four (850714-2381,
 * 120101+1234). Never part of a longer digit run, so 16-digit ids and 13-digit epoch milliseconds stay.
 * Century 16 is left alone: that is a legal person's organisationsnummer (162120000142), not a person.
 */
const PERSONIDENTITET_IN_TEXT = /(?<!\d)(?:((?:18|19|20)\d{6})[-+]?\d{4}|(\d{6})([-+])\d{4})(?!\d)/g;

/**
 * Masks every personidentitet-looking run in a line of free text: a 12-digit one becomes its first
 * eight digits (the birth date) and "-****" (198507142381 -> 19850714-****); a 10-digit one keeps its
 * six date digits and separator (850714-2381 -> 850714-****). Other text is left as it is. Meant for
 * every plain log line; it errs towards masking (a 12-digit number starting 18-20 is masked even when
 * it is something else).
 */
export function maskPersonidentiteter(text: string): string {
  return text.replace(
    PERSONIDENTITET_IN_TEXT,
    (_run, twelve: string | undefined, ten: string | undefined, sep: string | undefined) =>
      twelve !== undefined ? `${twelve}-****` : `${ten ?? ''}${sep ?? '-'}****`,
  );
}

/**
 * Masks one value known to be a personidentitet (a query's field): the birth date kept and the last
 * four hidden when it has one of the forms above, otherwise "****" entirely (a malformed value is
 * still a person's identity, perhaps mistyped).
 */
export function maskPersonidentitet(value: string): string {
  if (/^\d{12}$/.test(value) || /^\d{8}[-+]\d{4}$/.test(value)) return `${value.slice(0, 8)}-****`;
  if (/^\d{6}[-+]\d{4}$/.test(value)) return `${value.slice(0, 7)}****`;
  return '****';
}
