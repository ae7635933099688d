// @ts-check
// Swedish formatting of amounts, dates, weeks, identities and durations, and defensive readers of JSON.

const SEK = new Intl.NumberFormat('sv-SE', {
  style: 'currency',
  currency: 'SEK',
  minimumFractionDigits: 0,
  maximumFractionDigits: 2,
});
const NUMBER = new Intl.NumberFormat('sv-SE', { maximumFractionDigits: 2 });
const SECONDS = new Intl.NumberFormat('sv-SE', { minimumFractionDigits: 1, maximumFractionDigits: 1 });
const DATE = new Intl.DateTimeFormat('sv-SE', { dateStyle: 'medium', timeZone: 'UTC' });
const DATE_TIME = new Intl.DateTimeFormat('sv-SE', {
  dateStyle: 'medium',
  timeStyle: 'short',
  timeZone: 'Europe/Stockholm',
});

/** @param {unknown} v @returns {Record<string, unknown>} */
export function obj(v) {
  return v !== null && typeof v === 'object' && !Array.isArray(v)
    ? /** @type {Record<string, unknown>} */ (v)
    : {};
}

/** A list, also when the value is one item or absent. @param {unknown} v @returns {unknown[]} */
export function arr(v) {
  if (Array.isArray(v)) return /** @type {unknown[]} */ (v);
  return v === undefined || v === null ? [] : [v];
}

/** @param {unknown} v @returns {string} */
export function str(v) {
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  return '';
}

/** A number from a number or a numeric string, else undefined. @param {unknown} v */
export function num(v) {
  if (typeof v === 'number' && Number.isFinite(v)) return v;
  if (typeof v === 'string' && v.trim() !== '' && Number.isFinite(Number(v))) return Number(v);
  return undefined;
}

/** An amount in Swedish crowns, e.g. "1 250 kr"; empty when there is none. @param {unknown} v */
export function sek(v) {
  const n = num(v);
  return n === undefined ? '' : SEK.format(n);
}

/** A number in Swedish style. @param {unknown} v */
export function number(v) {
  const n = num(v);
  return n === undefined ? '' : NUMBER.format(n);
}

/** A percentage, e.g. "75 %". @param {unknown} v */
export function percent(v) {
  const n = num(v);
  return n === undefined ? '' : `${NUMBER.format(n)} %`;
}

/**
 * A date (YYYY-MM-DD, also with a time zone; or CSN's YYYYMMDD) in Swedish, e.g. "12 mars 2026".
 * @param {unknown} v
 */
export function date(v) {
  const s = str(v);
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(s) ?? /^(\d{4})(\d{2})(\d{2})$/.exec(s);
  if (m === null) return s;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return Number.isNaN(d.getTime()) ? s : DATE.format(d);
}

/** An instant (ISO 8601) in Swedish, Stockholm time, e.g. "28 nov. 2026 02:25". @param {unknown} v */
export function dateTime(v) {
  const s = str(v);
  const d = new Date(s);
  return s === '' || Number.isNaN(d.getTime()) ? s : DATE_TIME.format(d);
}

/** A period "från – till"; an open end is "tills vidare". @param {unknown} from @param {unknown} to */
export function period(from, to) {
  const f = date(from);
  const t = date(to);
  if (f === '' && t === '') return '';
  return `${f || '…'} – ${t || 'tills vidare'}`;
}

/** CSN's ISO week YYYYWW, e.g. "v. 35 2025". @param {unknown} v */
export function week(v) {
  const m = /^(\d{4})(\d{2})$/.exec(str(v));
  return m === null ? str(v) : `v. ${Number(m[2])} ${m[1]}`;
}

/** A personidentitet with its dash: 198307199979 → 19830719-9979. @param {unknown} v */
export function personnummer(v) {
  const s = str(v);
  return /^\d{12}$/.test(s) ? `${s.slice(0, 8)}-${s.slice(8)}` : s;
}

/** Milliseconds as seconds with one decimal, e.g. "1,5 s". @param {number} ms */
export function seconds(ms) {
  return `${SECONDS.format(ms / 1000)} s`;
}

/** Ja / Nej / empty. @param {unknown} v */
export function yesNo(v) {
  if (v === true || v === 'true') return 'Ja';
  if (v === false || v === 'false') return 'Nej';
  return '';
}

/** An agency's capitals in ordinary case: SVERIGE → Sverige. @param {unknown} v */
export function capitalise(v) {
  const s = str(v);
  return s === '' ? s : s.charAt(0) + s.slice(1).toLowerCase();
}

/** A date as YYYY-MM-DD in the browser's own time zone. @param {Date} d */
export function isoDay(d) {
  const p = (/** @type {number} */ n) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}`;
}
