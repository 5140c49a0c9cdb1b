import type { Office } from '../../src/collectors/offices';
import { OfficeDirectory } from '../../src/snapshot/office-directory';

function office(code: string, regionCode: string, name = 'Roma'): Office {
  return { code, name, regionCode, regionName: `Regione ${regionCode}`, type: 'sede' };
}

function quality(directory: OfficeDirectory): Record<string, number> {
  return Object.fromEntries(directory.quality.samples().map((sample) => [/problem="(\w+)"/.exec(sample.labels)?.[1], sample.value]));
}

describe('OfficeDirectory', () => {
  it('should keep one row per code, the same whatever the order of the rows', () => {
    const rows = [office('7000', '12'), office('4900', '03', 'Milano'), office('7000', '01'), office('4900', '03', 'Milano'), office('7000', '12')];
    for (const order of [rows, [...rows].reverse()]) {
      const directory = new OfficeDirectory(order);
      // 7000: region 01 sorts before 12, so it is kept whichever row came last.
      expect(directory.regionOf('7000')).toBe('01');
      expect(directory.offices.map((kept) => kept.code).sort()).toEqual(['4900', '7000']);
      // 4900: one exact copy; 7000: two rows besides the kept one, and they differ.
      expect(quality(directory)).toEqual({ duplicate_office: 1, conflicting_office: 2 });
      expect(directory.infoFamily().samples).toHaveLength(2);
    }
  });

  it('should count nothing for a clean register', () => {
    const directory = new OfficeDirectory([office('7000', '12'), office('4900', '03')]);
    expect(quality(directory)).toEqual({ duplicate_office: 0, conflicting_office: 0 });
    expect(directory.regionOf('9999')).toBeNull();
  });
});
