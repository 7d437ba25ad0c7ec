import { describe, expect, it } from 'vitest';
import { CHECK_IDS } from '../../../../src/shared/checks';
import { linuxProbes } from '../../../../src/node/probes/linux';

describe('linuxProbes', () => {
  it('has one probe per check, each registered under its own check id', () => {
    expect(Object.keys(linuxProbes).sort()).toEqual([...CHECK_IDS].sort());
    for (const id of CHECK_IDS) expect(linuxProbes[id].check).toBe(id);
  });
});
