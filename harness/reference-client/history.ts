/**
 * The client's own processing history (behandlingshistorik): which user asked SSBTEK about which
 * person, under which case, when and why. The terms of use require one. This one lives in memory;
 * a case system stores it durably (a table, an audit log), kept as long as its own rules say.
 */
export interface HistoryEntry {
  time: string;
  /** The caseworker who asked: a person, never a shared account. */
  caseworker: string;
  personidentitet: string;
  arendeidentitet: string;
  syfte: string;
}

export class ProcessingHistory {
  private readonly list: HistoryEntry[] = [];

  /** Records one question, once, before it is sent (so a question that fails is recorded too). */
  record(entry: HistoryEntry): void {
    this.list.push({ ...entry });
  }

  entries(): readonly HistoryEntry[] {
    return this.list;
  }
}
