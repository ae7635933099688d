import { SOURCE_CODES, SOURCE_NAMES, type SourceCode } from '../domain/sources.ts';
import type { Failure, Notice, Scenario } from '../scenarios/types.ts';

const OUTAGE_MODES = new Set<Failure['mode']>(['technical-error', 'http-error', 'timeout', 'reset']);

function isDaily(t: string): boolean {
  return /^\d{2}:\d{2}$/.test(t);
}

/**
 * The operational notices (driftinformation) a connected municipality would see now: the scenario's
 * own notices that have not ended, its planned maintenance windows that have not ended, outage windows
 * it sets on sources (for every person), and faults set live on sources (acute). Pure.
 */
export function driftinformation(scenario: Scenario, now: Date, liveFaults: Partial<Record<SourceCode, Failure>> = {}): Notice[] {
  const t = now.getTime();
  const notEnded = (to: string | undefined): boolean => to === undefined || Date.parse(to) > t;
  const out: Notice[] = scenario.driftinformation.filter((n) => notEnded(n.to)).map((n) => ({ ...n }));
  scenario.composite.maintenance.forEach((m, i) => {
    if (!notEnded(m.to)) return;
    out.push({
      id: `maintenance-${i + 1}`,
      kind: Date.parse(m.from) <= t ? 'acute' : 'planned',
      title: 'Planerat underhåll av Sammansatt bastjänst ekonomiskt bistånd',
      text: m.message ?? 'Tjänsten är inte tillgänglig under underhållet. Frågor besvaras med HTTP 503 och Retry-After.',
      from: m.from,
      to: m.to,
      sources: [...SOURCE_CODES],
    });
  });
  for (const code of SOURCE_CODES) {
    const live = liveFaults[code];
    if (live !== undefined && OUTAGE_MODES.has(live.mode)) {
      out.push({ id: `live-${code}`, kind: 'acute', title: `Driftstörning hos ${SOURCE_NAMES[code]}`, text: 'Källan svarar inte eller svarar med fel. Uppgifterna kan behöva inhämtas på annat sätt.', from: now.toISOString(), sources: [code] });
    }
    (scenario.sources[code]?.failures ?? []).forEach((f, i) => {
      const w = f.when.window;
      if (w === undefined || f.when.personas !== undefined || !OUTAGE_MODES.has(f.mode)) return;
      if (isDaily(w.from)) {
        out.push({
          id: `${code}-daily-${i + 1}`,
          kind: 'planned',
          title: `Återkommande avbrott hos ${SOURCE_NAMES[code]}`,
          text: `Dagligen ${w.from}–${w.to} (${scenario.timezone}).`,
          from: now.toISOString(),
          sources: [code],
        });
      } else if (notEnded(w.to)) {
        out.push({ id: `${code}-window-${i + 1}`, kind: Date.parse(w.from) <= t ? 'acute' : 'planned', title: `Avbrott hos ${SOURCE_NAMES[code]}`, from: w.from, to: w.to, sources: [code] });
      }
    });
  }
  return out.sort((a, b) => a.from.localeCompare(b.from) || a.id.localeCompare(b.id));
}
