// @ts-check
// Plain Swedish for the caseworker: what an error in the answer means for the case, and what to do.
// The codes are the simulator's own (docs/felkoder.md).

/** @typedef {import('./types').SourceError} SourceError */

/**
 * @typedef {object} Explanation
 * @property {string} title short, for the source's status badge
 * @property {string} meaning what happened, for the case
 * @property {string} todo what the caseworker should do
 * @property {'timeout' | 'error'} tone
 */

const MISSING =
  'Uppgifterna från källan saknas i svaret. Det betyder inte att personen saknar uppgifter där.';

/**
 * One source answered with error{kalla, felkod, felmeddelande} instead of data.
 * @param {SourceError} error
 * @param {string} sourceName
 * @returns {Explanation}
 */
export function explainSourceError(error, sourceName) {
  const felkod = error.felkod;
  if (error.kalla === 'SSBT') {
    if (felkod === 'SSBT-101') {
      return {
        title: 'Svarade inte i tid',
        meaning:
          'Källan svarade inte i tid. Uppgifterna saknas — fråga igen senare eller begär uppgifterna på annat sätt.',
        todo: `Det betyder inte att personen saknar uppgifter hos ${sourceName}. Fatta inte beslut som bygger på att uppgifterna saknas. Fråga igen om en stund; hjälper inte det, begär uppgifterna direkt från myndigheten eller av den sökande.`,
        tone: 'timeout',
      };
    }
    if (felkod === 'SSBT-102') {
      return {
        title: 'Ingen kontakt',
        meaning: `SSBTEK fick ingen kontakt med ${sourceName}. ${MISSING}`,
        todo: 'Fråga igen senare eller begär uppgifterna på annat sätt. Se Driftinformation om det finns en känd störning.',
        tone: 'error',
      };
    }
    if (felkod === 'SSBT-103') {
      return {
        title: 'Fel version',
        meaning: `Frågan till ${sourceName} angav en version som SSBTEK inte använder. ${MISSING}`,
        todo: 'Kontakta den som förvaltar verksamhetssystemet.',
        tone: 'error',
      };
    }
    return {
      title: 'Fel i SSBTEK',
      meaning: `SSBTEK kunde inte hämta uppgifterna från ${sourceName}. ${MISSING}`,
      todo: 'Fråga igen senare eller begär uppgifterna på annat sätt.',
      tone: 'error',
    };
  }
  // kalla=BT: the base service itself reported the error.
  if (felkod === '-1005') {
    return {
      title: 'Frågan underkändes',
      meaning: `${sourceName} underkände frågan: ärendeidentiteten är för lång (CSN tar emot högst 31 tecken). ${MISSING}`,
      todo: 'Ställ frågan igen med en kortare ärendeidentitet.',
      tone: 'error',
    };
  }
  if (felkod === 'LEFI-403') {
    return {
      title: 'Ingen behörighet',
      meaning: `${sourceName} lämnar inte ut uppgifter till den här kommunen (aktörs-id saknar behörighet). ${MISSING}`,
      todo: 'Kontakta kommunens systemförvaltare: kommunens anslutning till Försäkringskassan behöver ses över.',
      tone: 'error',
    };
  }
  if (felkod.startsWith('LEFI-')) {
    return {
      title: 'Frågan underkändes',
      meaning: `${sourceName} kunde inte besvara frågan. ${MISSING}`,
      todo: 'Kontrollera perioden (högst två år) och fråga igen. Kvarstår felet, kontakta systemförvaltaren.',
      tone: 'error',
    };
  }
  if (felkod === 'BT-201') {
    return {
      title: 'Oläsbart svar',
      meaning: `Källan rapporterade ett fel: ${sourceName} svarade, men svaret gick inte att läsa. ${MISSING}`,
      todo: 'Fråga igen senare eller begär uppgifterna på annat sätt.',
      tone: 'error',
    };
  }
  return {
    title: 'Tekniskt fel hos källan',
    meaning: `Källan rapporterade ett fel: ${sourceName} kunde inte lämna uppgifter just nu. ${MISSING}`,
    todo: 'Fråga igen senare. Kvarstår felet, se Driftinformation eller begär uppgifterna på annat sätt.',
    tone: 'error',
  };
}

/**
 * The whole request was refused (a SOAP Fault): no source was asked.
 * @param {{ felkod: string, felmeddelande: string[] }} fault
 * @returns {{ title: string, meaning: string, todo: string }}
 */
export function explainFault(fault) {
  const f = fault.felkod;
  const base = {
    title: 'Frågan avvisades',
    meaning: 'SSBTEK besvarade inte frågan. Inga källor tillfrågades.',
  };
  switch (f) {
    case 'SSBT-030':
      return {
        title: 'Tjänsten är inte tillgänglig',
        meaning: 'SSBTEK är tillfälligt otillgänglig. Inga källor tillfrågades.',
        todo: 'Vänta en stund och fråga igen. Se Driftinformation.',
      };
    case 'SSBT-031':
      return {
        title: 'Planerat underhåll',
        meaning: 'SSBTEK har planerat underhåll just nu och tar inte emot frågor. Inga källor tillfrågades.',
        todo: 'Fråga igen när underhållet är klart. Under fliken Driftinformation står när tjänsten är tillbaka.',
      };
    case 'SSBT-020':
      return {
        ...base,
        todo: 'Kommunen är inte ansluten till tjänsten (eller avtalet har upphört). Kontakta kommunens systemförvaltare.',
      };
    case 'SSBT-021':
      return {
        ...base,
        todo: 'Handläggaren är inte behörig användare i kommunen. Kontrollera användar-id eller kontakta systemförvaltaren.',
      };
    case 'SSBT-022':
      return {
        ...base,
        todo: 'Handläggarens behörighet är återkallad. Kontakta kommunens systemförvaltare.',
      };
    case 'SSBT-023':
      return {
        ...base,
        todo: 'Handläggaren har inte bekräftat att hen läst instruktionerna för tjänsten. Läs och bekräfta instruktionerna först.',
      };
    case 'SSBT-024':
      return {
        ...base,
        todo: 'Ärendet är inte ett pågående ärende om ekonomiskt bistånd för den här personen. Kontrollera ärendeidentiteten.',
      };
    case 'SSBT-025':
    case 'SSBT-026':
      return {
        ...base,
        todo: 'Tjänsten får bara användas i ärenden om ekonomiskt bistånd (4 kap. 1 § socialtjänstlagen).',
      };
    case 'SSBT-011':
    case 'SSBT-012':
    case 'SSBT-013':
      return {
        ...base,
        todo: 'Personnumret är inte giltigt. Kontrollera siffrorna (12 siffror, ÅÅÅÅMMDDNNNK).',
      };
    case 'SSBT-016':
      return { ...base, todo: 'Perioden är inte giltig: från-datum måste vara före till-datum.' };
    case 'SSBT-017':
      return { ...base, todo: 'Välj minst en källa att fråga.' };
    default:
      return {
        ...base,
        todo: 'Kontrollera uppgifterna i frågan och försök igen. Kvarstår felet, kontakta systemförvaltaren.',
      };
  }
}
