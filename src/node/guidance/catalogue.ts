import { readFileSync } from 'node:fs';
import { GuidanceCatalogue } from '../../shared/guidance/schema';
import { guidanceFile } from '../resources/paths';

let cached: GuidanceCatalogue | undefined;

/** The booklet guidance shipped with Mamori, validated once; a broken catalogue is a packaging bug and fails loudly. */
export function loadGuidance(file = guidanceFile()): GuidanceCatalogue {
  if (cached && file === guidanceFile()) return cached;
  const catalogue = GuidanceCatalogue.parse(JSON.parse(readFileSync(file, 'utf8')));
  if (file === guidanceFile()) cached = catalogue;
  return catalogue;
}
