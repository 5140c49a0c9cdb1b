import { UserError } from '../../src/common/user-error';
import { endOfDay } from '../../src/demo/applications';
import { SECONDS_PER_DAY } from '../../src/contract/ages';
import { dayOf } from '../../src/demo/calendar';
import { Dataset } from '../../src/demo/dataset';
import { channelFor } from '../../src/demo/flows';
import { FIRST_DAY, dailyCounts, intensity } from '../../src/demo/inflow';
import { APPLICATIONS_PER_SIZE, validateOptions } from '../../src/demo/options';
import { decimalCents } from '../../src/demo/rows';

function summarise(dataset: Dataset): { applications: number; flows: number; pending: number; json: string } {
  let applications = 0;
  let flows = 0;
  let pending = 0;
  const parts: string[] = [];
  for (const batch of dataset.batches()) {
    applications += batch.applications.length;
    flows += batch.flows.length;
    pending += batch.applications.filter((a) => a.decidedAt === null).length;
    parts.push(JSON.stringify(batch));
  }
  return { applications, flows, pending, json: parts.join('\n') };
}

describe('inflow', () => {
  it('spreads exactly the requested total over the days', () => {
    const last = dayOf(2023, 3, 31);
    const counts = dailyCounts(12345, last);
    expect(counts).toHaveLength(last - FIRST_DAY + 1);
    expect(counts.reduce((a, b) => a + b, 0)).toBe(12345);
    expect(counts.every((c) => c >= 0)).toBe(true);
  });

  it('has the three COVID-19 waves and keeps ordinary inflow afterwards', () => {
    const covid = (y: number, m: number, d: number): number => intensity(dayOf(y, m, d)).covid;
    expect(covid(2020, 4, 8)).toBeGreaterThan(5 * covid(2020, 9, 1));
    expect(covid(2020, 11, 12)).toBeGreaterThan(3 * covid(2020, 9, 1));
    expect(covid(2021, 3, 22)).toBeGreaterThan(3 * covid(2021, 6, 30));
    expect(covid(2023, 1, 1)).toBeLessThan(0.001);
    expect(intensity(dayOf(2026, 11, 1)).ordinary).toBeGreaterThan(0);
  });
});

describe('options', () => {
  it('maps sizes and validates the seed and the last day', () => {
    expect(validateOptions('medium', 7, '2024-01-31')).toEqual({
      applications: APPLICATIONS_PER_SIZE.medium,
      seed: 7,
      lastDay: dayOf(2024, 1, 31),
    });
    expect(() => validateOptions('huge', 1, '2024-01-31')).toThrow(UserError);
    expect(() => validateOptions('small', -1, '2024-01-31')).toThrow(/seed/);
    expect(() => validateOptions('small', 1.5, '2024-01-31')).toThrow(/seed/);
    expect(() => validateOptions('small', 1, '2024-02-30')).toThrow(/YYYY-MM-DD/);
    expect(() => validateOptions('small', 1, '2020-04-30')).toThrow(/2020-06-01/);
  });
});

describe('row helpers', () => {
  it('writes cents as exact decimals, negative ones too', () => {
    expect(decimalCents(123456)).toBe('1234.56');
    expect(decimalCents(5)).toBe('0.05');
    expect(decimalCents(-2622)).toBe('-26.22');
    expect(decimalCents(null)).toBe('NULL');
  });

  it('chooses the channel by benefit and reception day', () => {
    expect(channelFor('CISOA', dayOf(2021, 1, 1))).toBe('SR43');
    expect(channelFor('CIGD', dayOf(2022, 4, 30))).toBe('SR41');
    expect(channelFor('CIGD', dayOf(2022, 5, 1))).toBe('UNIEMENS_CIG');
  });
});

describe('Dataset', () => {
  it('is deterministic for a seed and differs for another seed', () => {
    const spec = { seed: 5, applications: 3000, lastDay: dayOf(2024, 6, 30) };
    const a = summarise(new Dataset(spec));
    expect(summarise(new Dataset(spec)).json).toBe(a.json);
    expect(summarise(new Dataset({ ...spec, seed: 6 })).json).not.toBe(a.json);
    expect(a.applications).toBe(3000);
  });

  it('keeps the pending share in range even when the last day falls in a wave', () => {
    for (const last of [dayOf(2020, 11, 30), dayOf(2021, 3, 31), dayOf(2026, 11, 21)]) {
      const result = summarise(new Dataset({ seed: 1, applications: 20000, lastDay: last }));
      const share = result.pending / result.applications;
      expect(share).toBeGreaterThan(0.015);
      expect(share).toBeLessThan(0.03);
    }
  });

  it('writes nothing after the end of the last day', () => {
    const lastDay = dayOf(2022, 8, 31);
    const end = endOfDay(lastDay);
    expect(end).toBe((lastDay + 1) * SECONDS_PER_DAY - 1);
    let latest = 0;
    let flows = 0;
    for (const batch of new Dataset({ seed: 2, applications: 5000, lastDay }).batches()) {
      for (const a of batch.applications) latest = Math.max(latest, a.presentedAt, a.reviewedAt ?? 0, a.decidedAt ?? 0);
      for (const f of batch.flows) latest = Math.max(latest, f.receivedAt, f.settledAt ?? 0, f.closedAt ?? 0);
      flows += batch.flows.length;
    }
    expect(flows).toBeGreaterThan(0);
    expect(latest).toBeLessThanOrEqual(end);
    expect(latest).toBeGreaterThan(end - SECONDS_PER_DAY);
  });
});
