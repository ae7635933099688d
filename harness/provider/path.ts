/** One value found at a path, and the concrete path it was found at. */
export interface Found {
  path: string;
  value: unknown;
}

/**
 * The values at a slash-separated path in canonical JSON (`svarsdata/SKV/data/PersonuppgiftLista`);
 * a numeric segment picks a list item, `*` every item of a list or member of an object. Lists met on
 * the way are entered item by item.
 */
export function select(root: unknown, path: string): Found[] {
  let current: Found[] = [{ path: '', value: root }];
  for (const segment of path.split('/').filter((s) => s !== '')) {
    const next: Found[] = [];
    for (const { path: at, value } of current) {
      const here = (key: string | number, v: unknown): void => {
        if (v !== undefined) next.push({ path: at === '' ? String(key) : `${at}/${key}`, value: v });
      };
      if (Array.isArray(value)) {
        if (segment === '*') value.forEach((v, i) => here(i, v));
        else if (/^\d+$/.test(segment)) here(Number(segment), value[Number(segment)]);
        else
          value.forEach((v, i) => {
            if (typeof v === 'object' && v !== null && !Array.isArray(v))
              here(`${i}/${segment}`, (v as Record<string, unknown>)[segment]);
          });
      } else if (typeof value === 'object' && value !== null) {
        const record = value as Record<string, unknown>;
        if (segment === '*') for (const [k, v] of Object.entries(record)) here(k, v);
        else here(segment, record[segment]);
      }
    }
    current = next;
  }
  return current;
}
