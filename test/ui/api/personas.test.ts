import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { personFor } from '../../../simulator/base-services/answer.ts';
import { makePersona, makeScenario } from '../../support/factories.ts';
import { defaultScenario, makeUi } from './support.ts';

const scenario = defaultScenario();
const other = makeScenario({
  name: 'other',
  description: 'Den andra',
  personas: [
    makePersona({ id: 'named', fornamn: 'Karin', efternamn: 'Holm', description: 'Med namn' }),
    makePersona({
      id: 'nameless',
      personidentitet: '198803159824',
      description: 'Utan namn',
      protected: true,
    }),
  ],
});
const { app } = makeUi({ scenario, scenarios: [other] });

describe('GET /ui/api/personas', () => {
  it("lists the active scenario's personas with their names, and the loaded scenarios", async () => {
    const res = await request(app).get('/ui/api/personas');
    expect(res.status).toBe(200);
    expect(res.body.scenario).toEqual({ name: 'default', description: scenario.description, active: true });
    expect(res.body.personas).toHaveLength(15);
    expect(res.body.personas[0]).toEqual({
      id: 'ordinary',
      personidentitet: '198803159824',
      description: 'Vanlig sökande, anställd med låg lön, inga förmåner',
      protected: false,
      name: 'Anna Lindqvist',
    });
    expect((res.body.personas as { id: string }[]).find((p) => p.id === 'protected')).toMatchObject({
      protected: true,
      name: 'Johan Eriksson',
    });
    expect(res.body.scenarios).toEqual([
      {
        name: 'default',
        description: scenario.description,
        active: true,
        personas: 15,
        loadedAt: '2026-11-27T10:00:00.000Z',
      },
      {
        name: 'other',
        description: 'Den andra',
        active: false,
        personas: 2,
        loadedAt: '2026-11-27T10:00:00.000Z',
      },
    ]);
  });

  it('names a persona without names after the synthetic person the sources answer with', async () => {
    const res = await request(app).get('/ui/api/personas').query({ scenario: 'other' });
    expect(res.status).toBe(200);
    expect(res.body.scenario).toEqual({ name: 'other', description: 'Den andra', active: false });
    const person = personFor(other, '198803159824', '2026-11-27');
    expect(res.body.personas).toEqual([
      {
        id: 'named',
        personidentitet: '198507142381',
        description: 'Med namn',
        protected: false,
        name: 'Karin Holm',
      },
      {
        id: 'nameless',
        personidentitet: '198803159824',
        description: 'Utan namn',
        protected: true,
        name: `${person.fornamn} ${person.efternamn}`,
      },
    ]);
    expect(person.fornamn).not.toBe('Anna');
  });

  it('answers 404 problem+json for a scenario that is not loaded', async () => {
    const res = await request(app).get('/ui/api/personas?scenario=nope');
    expect(res.status).toBe(404);
    expect(res.type).toBe('application/problem+json');
    expect(JSON.parse(res.text)).toEqual({
      type: 'about:blank',
      title: 'Unknown scenario',
      status: 404,
      detail: 'No scenario named "nope" is loaded (loaded: default, other).',
    });
  });

  it('answers 400 problem+json for an empty or repeated scenario parameter', async () => {
    for (const query of ['scenario=', 'scenario=a&scenario=b']) {
      const res = await request(app).get(`/ui/api/personas?${query}`);
      expect(res.status, query).toBe(400);
      expect(res.type).toBe('application/problem+json');
      expect(JSON.parse(res.text)).toMatchObject({ title: 'Bad scenario parameter', status: 400 });
    }
  });
});
