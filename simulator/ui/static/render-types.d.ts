/** What a source's renderer gives the answer view. */
export interface Rendered {
  /** The source knows nothing about the person for the period ("Inga uppgifter"). */
  empty: boolean;
  /** The status badge, when not the usual one (e.g. data withheld for a protected identity). */
  label?: string;
  nodes: Node[];
}
