// The trainer's demonstration page (simulator/ui/static) driven in a real browser: Debian's chromium
// through playwright-core, which downloads nothing. Without a chromium the browser tests are skipped
// with a message, except in CI (CI=true), where a missing browser fails this file.
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSimulator, type Running, type Simulator } from '../../simulator/server.ts';
import { loadScenarioFile } from '../../simulator/scenarios/load.ts';
import { loadScenarioDir } from '../../simulator/scenarios/watch.ts';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const HAVE_CHROMIUM = existsSync(CHROMIUM);
const IN_CI = process.env.CI === 'true';
const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const SCENARIOS = join(ROOT, 'scenarios');
const ARTIFACTS = join(ROOT, 'artifacts', 'e2e');
/** Short, so a source that does not answer costs the suite little. */
const TIMEOUT_MS = 1500;

if (!HAVE_CHROMIUM && !IN_CI) {
  console.warn(
    `e2e: no chromium found at ${CHROMIUM} — install Debian's chromium; skipping the browser tests`,
  );
}

let sim: Simulator & Running;

beforeAll(async () => {
  const library = loadScenarioDir(SCENARIOS);
  sim = await startSimulator({
    scenario: loadScenarioFile(join(SCENARIOS, 'default.yaml')),
    scenarios: library.scenarios.filter((s) => s.name !== 'default'),
    scenariosDir: SCENARIOS,
    port: 0,
    timeoutMs: TIMEOUT_MS,
  });
});

afterAll(async () => {
  await sim?.close();
});

describe('serving the trainer page', () => {
  it('serves index.html at / with a Content-Security-Policy of self only', async () => {
    const res = await fetch(`${sim.url}/`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/html/);
    const csp = res.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toMatch(/unsafe-inline|unsafe-eval|https?:/);
    const html = await res.text();
    expect(html).toContain('<html lang="sv">');
    expect(html).toContain('<script type="module" src="app.js"></script>');
  });

  it('serves the modules as JavaScript and not the files that are only for type-checking', async () => {
    const app = await fetch(`${sim.url}/app.js`);
    expect(app.status).toBe(200);
    expect(app.headers.get('content-type')).toMatch(/javascript/);
    expect((await fetch(`${sim.url}/tsconfig.json`)).status).toBe(404);
    expect((await fetch(`${sim.url}/types.d.ts`)).status).toBe(404);
  });

  it('tells the page the SOAP path and the timeout towards each source', async () => {
    const res = await fetch(`${sim.url}/ui/api/config`);
    expect(await res.json()).toEqual({
      soapPath: '/ssbtek/v10',
      scenario: 'default',
      timeoutMs: {
        AF: TIMEOUT_MS,
        CSN: TIMEOUT_MS,
        FK: TIMEOUT_MS,
        SKV: TIMEOUT_MS,
        SO: TIMEOUT_MS,
        TNS: TIMEOUT_MS,
        MIV: TIMEOUT_MS,
      },
    });
  });
});

if (!HAVE_CHROMIUM && IN_CI) {
  describe('the trainer page in a browser (CI)', () => {
    it('needs chromium', () => {
      throw new Error(
        `e2e: no chromium found at ${CHROMIUM} — install Debian's chromium (apt-get install chromium) or set CHROMIUM_PATH`,
      );
    });
  });
}

describe.runIf(HAVE_CHROMIUM)('the trainer page in a browser', () => {
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;

  const shot = (name: string) => page.screenshot({ path: join(ARTIFACTS, `${name}.png`) });

  /** Opens the page on a tab (its id), with the persona list loaded. */
  async function open(): Promise<void> {
    await page.goto(`${sim.url}/`);
    await page.waitForSelector('#persona option[value="protected"]', { state: 'attached' });
  }

  /** Waits until the trainer panel shows a source in this state. */
  async function state(code: string, label: string): Promise<void> {
    await page.locator(`#lage-${code}`, { hasText: new RegExp(`^${label}$`) }).waitFor();
  }

  async function tab(name: string): Promise<void> {
    await page.click(`[role="tab"][aria-controls="${name}"]`);
    await page.waitForSelector(`#${name}:not([hidden])`);
  }

  /** Fills the caseworker's form for a persona and waits for the answer. */
  async function ask(persona: string, fields: Record<string, string> = {}): Promise<void> {
    await tab('handlaggarvy');
    await page.selectOption('#persona', persona);
    for (const [id, value] of Object.entries(fields)) await page.fill(`#${id}`, value);
    await page.click('#skicka');
    await page.waitForSelector('#svar-rubrik', { timeout: 15_000 });
    await page.waitForSelector('#skicka:not([disabled])');
  }

  beforeAll(async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      headless: true,
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
        '--disable-quic',
      ],
    });
    context = await browser.newContext({
      locale: 'sv-SE',
      timezoneId: 'Europe/Stockholm',
      viewport: { width: 1366, height: 900 },
    });
    page = await context.newPage();
    page.on('pageerror', (e) => {
      throw e;
    });
  }, 30_000);

  afterAll(async () => {
    await context?.close();
    await browser?.close();
  });

  it('shows the protected-identity notice before any data', async () => {
    await open();
    await page.selectOption('#persona', 'protected');
    await expect(page.inputValue('#personnummer')).resolves.toBe('198307199979');
    await page.click('#skicka');
    const notice = page.locator('#skyddad-identitet');
    await notice.waitFor();
    expect(await notice.getAttribute('role')).toBe('alert');
    const text = await notice.innerText();
    expect(text).toContain('skyddade personuppgifter');
    expect(text).toContain('sekretessmarkering');
    expect(text).toContain('Lämna inte ut adress');
    expect(text).toContain('kommunens rutiner');
    // Before the first source's data, in the document and on the screen.
    const order: string[] = [];
    for (const child of await page.locator('#svar > *').all())
      order.push((await child.getAttribute('id')) ?? (await child.getAttribute('class')) ?? '');
    expect(order.slice(0, 3)).toEqual(['answer-head', 'skyddad-identitet', 'table-wrap']);
    expect(order[3]).toBe('kalla-AF');
    const noticeBox = await notice.boundingBox();
    const dataBox = await page.locator('#kalla-AF').boundingBox();
    expect(noticeBox!.y).toBeLessThan(dataBox!.y);
    await expect(page.locator('#kalla-AF .badge').innerText()).resolves.toBe('Uppgifter finns');
    await expect(page.locator('#fraga-status').innerText()).resolves.toContain('skyddad identitet');
    await shot('1-skyddad-identitet');
  });

  it('takes CSN down and makes SKV slow in the trainer panel; the answer explains both and the timeline shows them', async () => {
    await open();
    await tab('utbildarpanel');
    await page.click('button[data-source="CSN"][data-mode="nere"]');
    await state('CSN', 'Nere');
    await page.click('button[data-source="SKV"][data-mode="langsam"]');
    await state('SKV', 'Långsam');
    // The ping sees both: CSN reports its error, SKV does not answer within the ping's timeout.
    await page.locator('tr[data-source="SKV"]', { hasText: 'SSBT-101' }).waitFor({ timeout: 10_000 });
    expect(await page.locator('tr[data-source="CSN"]').innerText()).toContain('CSN-TEKNISKT-FEL');
    expect(await page.getAttribute('button[data-source="CSN"][data-mode="nere"]', 'aria-pressed')).toBe(
      'true',
    );
    await shot('2-utbildarpanel-csn-nere');

    await ask('student');
    const csn = page.locator('#kalla-CSN');
    await expect(csn.locator('.badge').innerText()).resolves.toBe('Tekniskt fel hos källan');
    await expect(csn.innerText()).resolves.toContain('Källan rapporterade ett fel');
    await expect(csn.innerText()).resolves.toContain('CSN-TEKNISKT-FEL');
    const skv = page.locator('#kalla-SKV');
    await expect(skv.innerText()).resolves.toContain(
      'Källan svarade inte i tid. Uppgifterna saknas — fråga igen senare eller begär uppgifterna på annat sätt',
    );
    await expect(page.locator('#kalla-AF .badge').innerText()).resolves.not.toBe('Tekniskt fel hos källan');
    await csn.scrollIntoViewIfNeeded();
    await shot('3-svar-csn-nere');

    await tab('tidslinje');
    await page.waitForSelector('svg.waterfall rect[data-source="CSN"]');
    expect(await page.getAttribute('svg.waterfall rect[data-source="CSN"]', 'class')).toBe('bar-error');
    expect(await page.getAttribute('svg.waterfall rect[data-source="SKV"]', 'class')).toBe('bar-timeout');
    expect(await page.locator('svg.waterfall .timeout-line').count()).toBe(1);
    const summary = await page.locator('#tidslinje-innehall').innerText();
    expect(summary).toContain('Skatteverket, som inte svarade i tid');
    expect(await page.getAttribute('svg.waterfall', 'aria-label')).toContain(
      'Centrala studiestödsnämnden (CSN) fel (CSN-TEKNISKT-FEL)',
    );
    await shot('4-tidslinje');

    await tab('utbildarpanel');
    await page.click('#aterstall');
    await state('CSN', 'I drift');
    await state('SKV', 'I drift');
  });

  it('shows who asked about whom in the processing history', async () => {
    await open();
    await ask('unemployed', { arende: 'EB-2026-E2E3', handlaggare: 'HL0042' });
    await tab('historik');
    const row = page.locator('#historik-innehall tbody tr').first();
    await page.locator('#historik-innehall tbody tr', { hasText: 'EB-2026-E2E3' }).waitFor();
    const text = await row.innerText();
    expect(text).toContain('HL0042');
    expect(text).toContain('19791102-9911');
    expect(text).toContain('EB-2026-E2E3');
    expect(text).toContain('Exempelkommunen');
    expect(text).toContain('Besvarad');
    expect(text).toContain('AF: svar');
    await shot('5-behandlingshistorik');
  });

  it('starts a maintenance window: the query is refused and Driftinformation says why', async () => {
    await open();
    await tab('utbildarpanel');
    await page.click('#starta-underhall');
    await page.locator('#scenario-aktivt', { hasText: /^maintenance$/ }).waitFor();
    await ask('ordinary');
    await expect(page.locator('#svar').innerText()).resolves.toContain('Planerat underhåll');
    await expect(page.locator('#svar').innerText()).resolves.toContain('SSBT-031');
    await expect(page.locator('#svar').innerText()).resolves.toContain(
      'SSBTEK räknar med att kunna svara igen om 20 minuter',
    );
    await tab('driftinformation');
    await page.waitForSelector('#drift-innehall .notice');
    await expect(page.locator('#drift-innehall').innerText()).resolves.toContain(
      'Planerat underhåll av SSBTEK',
    );
    await shot('6-driftinformation-underhall');
    await tab('utbildarpanel');
    await page.click('#avsluta-underhall');
    await page.locator('#scenario-aktivt', { hasText: /^default$/ }).waitFor();
  });

  it('asks for the token when the admin API answers 401, and then sends it as Authorization: Bearer', async () => {
    const guarded = await startSimulator({
      scenario: loadScenarioFile(join(SCENARIOS, 'default.yaml')),
      port: 0,
      timeoutMs: TIMEOUT_MS,
      adminToken: 'utbildning-hemlig',
    });
    try {
      await page.goto(`${guarded.url}/#/utbildarpanel`);
      await page.locator('#behorighet').waitFor();
      // Each part of the page learns of the 401 from its own admin call: wait for each text (a loaded machine answers them apart).
      await page.locator('#behorighet-text', { hasText: 'kräver en token' }).waitFor();
      await page.locator('#kallor-status', { hasText: 'kräver en token' }).waitFor();
      await shot('7-behorighet-token');
      await page.fill('#token', 'utbildning-hemlig');
      await page.click('#token-form button[type="submit"]');
      await page.locator('#behorighet').waitFor({ state: 'hidden' });
      await state('CSN', 'I drift');
      await page.locator('#scenario-aktivt', { hasText: /^default$/ }).waitFor();
    } finally {
      await guarded.close();
    }
  });

  it('remembers "Stor text" and moves between tabs with the arrow keys', async () => {
    await open();
    await page.click('#stor-text');
    expect(await page.getAttribute('#stor-text', 'aria-pressed')).toBe('true');
    await page.reload();
    await page.waitForSelector('html.stor-text');
    await page.focus('#flik-handlaggarvy');
    await page.keyboard.press('ArrowRight');
    expect(await page.locator(':focus').getAttribute('id')).toBe('flik-utbildarpanel');
    expect(await page.isVisible('#utbildarpanel')).toBe(true);
    await page.click('#stor-text');
    expect(await page.locator('html').getAttribute('class')).not.toContain('stor-text');
  });
});
