/**
 * `powercfg /q[h] SCHEME_CURRENT <subgroup> <setting>`. Every label is localized (English "Current AC
 * Power Setting Index", Spanish "Índice de configuración de corriente alterna actual", Japanese
 * labels on ja-JP), so nothing here reads a label: the current indexes are the last two
 * 0x######## tokens, AC first then DC, and the GUIDs say which setting was printed.
 */
export interface PowerSettingIndexes {
  ac: number;
  dc: number;
  /** The active power scheme's GUID, when the output names it in full. */
  scheme: string | null;
}

export type PowerSettingParse = { ok: true; value: PowerSettingIndexes } | { ok: false; problem: string };

const GUID = /\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b/gi;
const INDEX = /\b0x[0-9a-f]{8}\b/gi;

/**
 * The AC and DC indexes of one setting. The first full GUID is the scheme's; any other GUID must be
 * the requested subgroup or setting, so output about a different setting is never read as this one.
 * Fewer than two indexes (the setting is hidden from /q, or the output was cut) is not an answer.
 */
export function parsePowerSetting(text: string, expected: { subgroup: string; setting: string }): PowerSettingParse {
  const guids = [...text.matchAll(GUID)].map((m) => m[0].toLowerCase());
  const allowed = new Set([expected.subgroup.toLowerCase(), expected.setting.toLowerCase()]);
  const foreign = guids.slice(1).find((g) => !allowed.has(g));
  if (foreign !== undefined) return { ok: false, problem: `output names another power setting or subgroup (${foreign})` };
  const indexes = [...text.matchAll(INDEX)].map((m) => Number.parseInt(m[0], 16));
  if (indexes.length < 2) return { ok: false, problem: `no current AC/DC index in the output (${indexes.length} found)` };
  return { ok: true, value: { ac: indexes.at(-2)!, dc: indexes.at(-1)!, scheme: guids[0] ?? null } };
}
