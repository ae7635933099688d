import type { CodecSchema, RefResolver } from '../xml/schema-codec.ts';
import { ncName } from './xsd-json-schema.ts';

/** Where schemas come from: ContractRegistry fits. */
export interface SchemaSource {
  schema(idOrPath: string): CodecSchema;
  resolve: RefResolver;
}

/** A schema with its `$ref`s followed. */
export interface Resolved {
  schema: CodecSchema;
  root: CodecSchema;
  /** `<document>#<pointer>` of the last `$ref` target, when a `$ref` was followed. */
  key?: string;
}

/**
 * Follows `$ref`s through a SchemaSource and names what they reach: a schema document's key is its
 * `$id` (or `inline:<n>` for one built in code), a `$ref` target's key `<document key>#<pointer>`.
 */
export class SchemaRefs {
  private readonly rootTypeNames = new Map<string, string>();
  private readonly inlineIds = new WeakMap<CodecSchema, string>();
  private inlineCount = 0;

  constructor(private readonly source: SchemaSource) {}

  /** The registry schema of an id or path under contracts/. */
  schema(idOrPath: string): CodecSchema {
    return this.source.schema(idOrPath);
  }

  /** Names the type of a root schema document (what typeNameFor returns for the document itself). */
  setRootTypeName(schema: CodecSchema, typeName: string): void {
    this.rootTypeNames.set(this.docKey(schema), typeName);
  }

  /** The key of a schema document: its `$id`, or `inline:<n>` (stable per object) for one built in code. */
  docKey(schema: CodecSchema): string {
    if (schema.$id !== undefined) return schema.$id;
    let id = this.inlineIds.get(schema);
    if (id === undefined) {
      id = `inline:${++this.inlineCount}`;
      this.inlineIds.set(schema, id);
    }
    return id;
  }

  /**
   * Follows `schema`'s `$ref`s (relative to `root`), merging their `xml` annotations (the referring
   * schema's win) onto the target.
   */
  deref(schema: CodecSchema, root: CodecSchema): Resolved {
    let current = schema;
    let currentRoot = root;
    let xml = schema.xml;
    let key: string | undefined;
    for (let guard = 0; current.$ref !== undefined; guard++) {
      if (guard > 32) throw new Error(`$ref loop at ${current.$ref}`);
      const pointer = current.$ref.split('#')[1] ?? '';
      const next = this.source.resolve(current.$ref, currentRoot);
      current = next.schema;
      currentRoot = next.root;
      key = `${this.docKey(currentRoot)}#${pointer}`;
      xml = { ...current.xml, ...xml };
    }
    return {
      schema: xml === undefined ? current : { ...current, xml },
      root: currentRoot,
      ...(key === undefined ? {} : { key }),
    };
  }

  /**
   * The type name for a resolved schema: the last segment of its pointer, else the type name registered
   * for its root, else `<root element>Type`, else its document's file name in PascalCase.
   */
  typeNameFor(r: Resolved): string {
    const [docId = '', pointer = ''] = (r.key ?? '').split('#');
    if (pointer !== '') return ncName(pointer.split('/').pop() ?? 'Type');
    const registered = this.rootTypeNames.get(docId);
    if (registered !== undefined) return registered;
    if (r.root.xml?.name !== undefined) return ncName(`${r.root.xml.name}Type`);
    const base = (docId.split('/').pop() ?? 'Type').replace(/\.schema\.json$|\.json$/, '');
    return ncName(
      base.charAt(0).toUpperCase() + base.slice(1).replace(/[-_.](\w)/g, (_, c: string) => c.toUpperCase()),
    );
  }
}
