import { UNKNOWN_OFFICE_APPLICATION, UNKNOWN_OFFICE_FLOW } from '../../src/demo/flaws';
import { buildOffices } from '../../src/demo/offices';
import { at } from '../../src/common/checked-index';

describe('office catalogue', () => {
  const offices = buildOffices();

  it('has about 450 offices with unique 4-digit codes', () => {
    expect(offices.length).toBeGreaterThanOrEqual(430);
    expect(offices.length).toBeLessThanOrEqual(470);
    expect(new Set(offices.map((o) => o.code)).size).toBe(offices.length);
    for (const office of offices) expect(office.code).toMatch(/^\d{4}$/);
    expect(offices.map((o) => o.code)).not.toContain(UNKNOWN_OFFICE_APPLICATION);
    expect(offices.map((o) => o.code)).not.toContain(UNKNOWN_OFFICE_FLOW);
  });

  it('covers the 20 regions with 2-digit codes and one regional directorate each', () => {
    const regions = new Map(offices.map((o) => [o.regionCode, o.region]));
    expect(regions.size).toBe(20);
    for (const code of regions.keys()) expect(code).toMatch(/^(0[1-9]|1\d|20)$/);
    expect(new Set(regions.values()).size).toBe(20);
    expect(offices.filter((o) => o.type === 'direzione regionale')).toHaveLength(20);
  });

  it('keeps the well-known codes and all five kinds of office', () => {
    const byCode = new Map(offices.map((o) => [o.code, o]));
    expect(byCode.get('4900')).toMatchObject({ name: 'Milano', region: 'Lombardia', type: 'direzione metropolitana' });
    expect(byCode.get('7000')).toMatchObject({ name: 'Roma', region: 'Lazio', type: 'direzione metropolitana' });
    expect(new Set(offices.map((o) => o.type))).toEqual(
      new Set(['direzione regionale', 'direzione metropolitana', 'direzione provinciale', 'filiale', 'agenzia']),
    );
  });

  it('loads Lombardia and Lazio about three times the median region, unevenly across offices', () => {
    const load = new Map<string, number>();
    for (const o of offices) load.set(o.region, (load.get(o.region) ?? 0) + o.weight);
    const sorted = [...load.values()].sort((a, b) => a - b);
    const median = (at(sorted, 9) + at(sorted, 10)) / 2;
    for (const region of ['Lombardia', 'Lazio']) {
      const ratio = (load.get(region) ?? 0) / median;
      expect(ratio).toBeGreaterThan(2.5);
      expect(ratio).toBeLessThan(3.5);
    }
    const agencies = offices.filter((o) => o.type === 'agenzia' && o.region === 'Lombardia').map((o) => o.weight);
    expect(Math.max(...agencies) / Math.min(...agencies)).toBeGreaterThan(3);
  });
});
