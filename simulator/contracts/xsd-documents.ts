import { ncName } from './xsd-json-schema.ts';
import type { XsdDoc } from './xsd-model.ts';
import { writeXsdDocument } from './xsd-write.ts';

const RESERVED_PREFIXES = new Set(['xs', 'xml', 'xmlns']);

/**
 * The XSD documents of one generation, one per target namespace, in the order they were first needed:
 * each namespace gets a prefix (the one preferred if free) and each document a file name unique among them.
 */
export class XsdDocuments {
  private readonly docs = new Map<string, XsdDoc>();
  private readonly prefixes = new Map<string, string>();

  /** `fileNames`: file names by namespace URI, for documents that should not be named after their prefix. */
  constructor(private readonly fileNames?: Record<string, string>) {}

  /**
   * The document of namespace `ns`, created on first use (named `fileName`, else as `fileNames` says,
   * else after its prefix, `preferredPrefix` when free); a `fileName` given later renames it.
   */
  docFor(ns: string, preferredPrefix?: string, fileName?: string): XsdDoc {
    let doc = this.docs.get(ns);
    if (doc === undefined) {
      const requested = fileName ?? this.fileNames?.[ns];
      const prefix = this.prefixFor(ns, preferredPrefix, requested);
      doc = {
        ns,
        fileName: this.uniqueFileName(requested ?? (ns === '' ? 'no-namespace.xsd' : `${prefix}.xsd`)),
        components: [],
        typeNames: new Set(),
        elements: new Map(),
        sources: new Set(),
      };
      this.docs.set(ns, doc);
    } else if (fileName !== undefined && fileName !== doc.fileName) {
      doc.fileName = this.uniqueFileName(fileName);
    }
    return doc;
  }

  /**
   * Writes every document, by file name. `locate` gives the `schemaLocation` of an imported document
   * from its file name.
   */
  write(locate: (fileName: string) => string): Map<string, string> {
    const out = new Map<string, string>();
    for (const doc of this.docs.values())
      out.set(doc.fileName, writeXsdDocument(doc, this.docs, this.prefixes, locate));
    return out;
  }

  private uniqueFileName(wanted: string): string {
    const taken = new Set([...this.docs.values()].map((d) => d.fileName));
    let name = wanted;
    for (let i = 2; taken.has(name); i++) name = wanted.replace(/(\.xsd)?$/, `${i}.xsd`);
    return name;
  }

  private prefixFor(ns: string, preferred?: string, fileName?: string): string {
    const known = this.prefixes.get(ns);
    if (known !== undefined || ns === '') return known ?? '';
    const taken = new Set(this.prefixes.values());
    const candidates = [preferred, fileName?.replace(/\.xsd$/, '')]
      .filter((p): p is string => p !== undefined && p !== '')
      .map(ncName);
    let prefix = candidates.find((p) => !taken.has(p) && !RESERVED_PREFIXES.has(p.toLowerCase()));
    for (let i = 1; prefix === undefined; i++) if (!taken.has(`ns${i}`)) prefix = `ns${i}`;
    this.prefixes.set(ns, prefix);
    return prefix;
  }
}
