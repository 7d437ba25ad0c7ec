import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';

/** Every file below a folder, recursively, in a stable order. */
export function filesUnder(dir: string): string[] {
  return readdirSync(dir)
    .sort()
    .flatMap((name) => {
      const file = path.join(dir, name);
      return statSync(file).isDirectory() ? filesUnder(file) : [file];
    });
}
