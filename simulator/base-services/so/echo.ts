import type { BaseServiceRequest } from '../types.ts';
import type { SoEcho } from './types.ts';

/**
 * What SO repeats of the query it received, in its own element names: the asking organisation,
 * caseworker, case (Referensnummer), period, purpose, legal basis (Paragraf), the personal-data
 * processors (two parallel lists, present only when the query named any) and the person.
 */
export function soEcho(request: BaseServiceRequest): SoEcho {
  const echo: SoEcho = {
    OrganisationsnummerIngivare: request.ingivare.organisationsnummer,
    NamnIngivare: request.ingivare.namn,
    KontonamnHandlaggare: request.ingivare.handlaggare,
    Referensnummer: request.arendeidentitet,
    From: request.tidsperiod.fromDatum,
    Tom: request.tidsperiod.tomDatum,
    Syfte: request.syfte,
    Paragraf: request.lagtext,
    IdentificationNumber: request.personidentitet,
  };
  const processors = request.personuppgiftsbitrade ?? [];
  if (processors.length > 0) {
    echo.OrganisationsnummerPersonuppgiftsbitrade = processors.map((p) => p.organisationsnummer);
    echo.NamnPersonuppgiftsbitrade = processors.map((p) => p.namn);
  }
  return echo;
}
