/** Reading system_profiler's JSON without trusting its shape: every field is checked where it is used. */

export type JsonObject = Readonly<Record<string, unknown>>;

export const isObject = (v: unknown): v is JsonObject => typeof v === 'object' && v !== null && !Array.isArray(v);

/** A string field, or null when it is absent or not a string. */
export const stringField = (o: JsonObject, key: string): string | null => {
  const v = o[key];
  return typeof v === 'string' ? v : null;
};

/** A non-blank string field, or null. */
export const textField = (o: JsonObject, key: string): string | null => {
  const v = stringField(o, key);
  return v !== null && v.trim() !== '' ? v : null;
};

/** The `_items` children system_profiler nests below an entry; [] when there are none, null when not a list of objects. */
export function childItems(o: JsonObject): JsonObject[] | null {
  const items = o._items;
  if (items === undefined) return [];
  return Array.isArray(items) && items.every(isObject) ? items : null;
}
