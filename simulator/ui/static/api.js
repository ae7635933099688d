// @ts-check
/* global document, sessionStorage, fetch, CustomEvent */
// Calls to the simulator: the page's own helpers (/ui/api), the JSON API and the admin API (/admin).
// The admin API answers only this machine unless the simulator has a token; then the page sends the
// token the trainer typed (kept in sessionStorage, for this browser tab only) as Authorization: Bearer.

const TOKEN_KEY = 'ssbtek.adminToken';

/** The admin API refused the page: 401 (a token is needed, or it is wrong) or 403 (not this machine). */
export class AdminAccessError extends Error {
  /** @param {number} status @param {string} detail */
  constructor(status, detail) {
    super(detail);
    this.status = status;
  }
}

/** Anything else that went wrong talking to the simulator, with a Swedish message. */
export class ApiError extends Error {
  /** @param {number} status @param {string} message */
  constructor(status, message) {
    super(message);
    this.status = status;
  }
}

export function adminToken() {
  try {
    return sessionStorage.getItem(TOKEN_KEY) ?? '';
  } catch {
    return '';
  }
}

/** @param {string} token */
export function setAdminToken(token) {
  try {
    if (token === '') sessionStorage.removeItem(TOKEN_KEY);
    else sessionStorage.setItem(TOKEN_KEY, token);
  } catch {
    // Storage may be disabled: the token then lasts until the page is reloaded.
  }
  memoryToken = token;
}

let memoryToken = '';

/** @param {Response} res */
async function problemDetail(res) {
  const text = await res.text().catch(() => '');
  try {
    /** @type {unknown} */
    const parsed = JSON.parse(text);
    const body = /** @type {{ detail?: unknown, title?: unknown }} */ (parsed);
    if (typeof body?.detail === 'string') return body.detail;
    if (typeof body?.title === 'string') return body.title;
  } catch {
    // not JSON
  }
  return text.slice(0, 300);
}

/**
 * A request to the admin API. 401 and 403 become AdminAccessError (and an `admin-access` event on the
 * document, so the page can show the token field); other failures become ApiError.
 * @param {string} path
 * @param {RequestInit} [init]
 */
export async function admin(path, init = {}) {
  const headers = new Headers(init.headers);
  const token = adminToken() || memoryToken;
  if (token !== '') headers.set('Authorization', `Bearer ${token}`);
  const res = await fetch(path, { ...init, headers });
  if (res.status === 401 || res.status === 403) {
    const detail = await problemDetail(res);
    document.dispatchEvent(new CustomEvent('admin-access', { detail: { status: res.status } }));
    throw new AdminAccessError(res.status, detail);
  }
  if (!res.ok)
    throw new ApiError(res.status, `Simulatorn svarade ${res.status}: ${await problemDetail(res)}`);
  document.dispatchEvent(new CustomEvent('admin-access', { detail: { status: res.status } }));
  return res;
}

/**
 * JSON from the admin API.
 * @template T
 * @param {string} path
 * @returns {Promise<T>}
 */
export async function adminJson(path) {
  const res = await admin(path);
  /** @type {unknown} */
  const body = await res.json();
  return /** @type {T} */ (body);
}

/**
 * Sends JSON to the admin API.
 * @param {'PUT' | 'POST' | 'DELETE'} method
 * @param {string} path
 * @param {unknown} [body]
 */
export function adminSend(method, path, body) {
  /** @type {RequestInit} */
  const init = { method };
  if (body !== undefined) {
    init.headers = { 'Content-Type': 'application/json' };
    init.body = JSON.stringify(body);
  }
  return admin(path, init);
}

/**
 * JSON from the page's helpers or the JSON API.
 * @template T
 * @param {string} url
 * @param {RequestInit} [init]
 * @returns {Promise<T>}
 */
export async function json(url, init) {
  let res;
  try {
    res = await fetch(url, init);
  } catch {
    throw new ApiError(0, 'Simulatorn svarar inte. Kontrollera att den är igång.');
  }
  if (!res.ok)
    throw new ApiError(res.status, `Simulatorn svarade ${res.status}: ${await problemDetail(res)}`);
  /** @type {unknown} */
  const body = await res.json();
  return /** @type {T} */ (body);
}

/**
 * Text from the page's helpers (e.g. the release notes as HTML).
 * @param {string} url
 */
export async function text(url) {
  let res;
  try {
    res = await fetch(url);
  } catch {
    throw new ApiError(0, 'Simulatorn svarar inte. Kontrollera att den är igång.');
  }
  if (!res.ok)
    throw new ApiError(res.status, `Simulatorn svarade ${res.status}: ${await problemDetail(res)}`);
  return res.text();
}

/** A Swedish sentence for an error thrown by the helpers above. @param {unknown} e */
export function describeError(e) {
  if (e instanceof AdminAccessError) {
    return e.status === 401
      ? 'Utbildarfunktionerna kräver en token. Ange den under "Behörighet" högst upp på sidan.'
      : 'Utbildarfunktionerna kan bara användas från samma dator som simulatorn (eller med en token).';
  }
  if (e instanceof Error) return e.message;
  return String(e);
}
