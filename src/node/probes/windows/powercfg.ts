import type { Observed } from '../../../shared/observed';
import { known, unknown } from '../../../shared/observed';
import type { Host } from '../../host/host';
import { runText } from '../command';
import type { PowerSettingIndexes } from './parse/powercfg';
import { parsePowerSetting } from './parse/powercfg';
import { systemTool } from './system-tool';

/** A power setting of the active scheme, by its GUIDs (the aliases are only the command-line spelling). */
export interface PowerSetting {
  /** /q lists visible settings; /qh also hidden ones such as CONSOLELOCK. */
  query: '/q' | '/qh';
  subgroupAlias: string;
  settingAlias: string;
  subgroup: string;
  setting: string;
}

export const CONSOLELOCK: PowerSetting = {
  query: '/qh',
  subgroupAlias: 'SUB_NONE',
  settingAlias: 'CONSOLELOCK',
  subgroup: 'fea3413e-7e05-4911-9a71-700331f1c294',
  setting: '0e796bdb-100d-47d6-a2d5-f7d2daa51f51',
};

export const VIDEOIDLE: PowerSetting = {
  query: '/q',
  subgroupAlias: 'SUB_VIDEO',
  settingAlias: 'VIDEOIDLE',
  subgroup: '7516b95f-f776-4464-8c53-06167f40cc99',
  setting: '3c0bc021-c8a8-4e07-a973-6b14cbcb2b7e',
};

/** `powercfg <query> SCHEME_CURRENT <subgroup> <setting>`: the current AC and DC indexes, or why not. */
export async function readPowerSetting(host: Host, s: PowerSetting): Promise<Observed<PowerSettingIndexes>> {
  const args = [s.query, 'SCHEME_CURRENT', s.subgroupAlias, s.settingAlias];
  const out = await runText(host, { file: await systemTool(host, 'powercfg.exe'), args });
  if (!out.ok) return out.why;
  const parsed = parsePowerSetting(out.stdout, s);
  return parsed.ok ? known(parsed.value) : unknown('unparseable-output', `powercfg ${args.join(' ')}: ${parsed.problem}`);
}
