import { METROPOLITAN_CITIES, REGIONS } from './office-catalogue';
import { hashString } from './prng';
import { at } from '../common/checked-index';

type OfficeType =
  | 'direzione regionale'
  | 'direzione metropolitana'
  | 'direzione provinciale'
  | 'filiale'
  | 'agenzia';

/** One row of dasmo_sedi, plus the office's share of the national workload. */
export interface Office {
  readonly code: string;
  readonly name: string;
  readonly regionCode: string;
  readonly region: string;
  readonly type: OfficeType;
  /** Relative load; the weights of all offices sum to the sum of the regions' loads. */
  readonly weight: number;
}

const BASE_WEIGHT: Record<OfficeType, number> = {
  'direzione regionale': 0.3,
  'direzione metropolitana': 4,
  'direzione provinciale': 2.5,
  filiale: 1.8,
  agenzia: 1,
};

/**
 * The demo's offices. Independent of the seed: the same office codes and names, and the same
 * busy and quiet offices, whatever data is generated for them.
 */
export function buildOffices(): Office[] {
  const offices: Office[] = [];
  for (const region of REGIONS) {
    const inRegion: Array<Omit<Office, 'weight'> & { base: number }> = [];
    const add = (code: number, name: string, type: OfficeType): void => {
      inRegion.push({
        code: String(code).padStart(4, '0'),
        name,
        regionCode: region.code,
        region: region.name,
        type,
        base: BASE_WEIGHT[type],
      });
    };
    let cursor = region.firstCode;
    for (const [capital, townList] of region.provinces) {
      const towns = townList.split(',').map((town) => town.trim());
      add(cursor, capital, METROPOLITAN_CITIES.has(capital) ? 'direzione metropolitana' : 'direzione provinciale');
      towns.forEach((town, i) => {
        const district = town.startsWith(`${capital} `);
        add(cursor + 1 + i, town, district || (i === 0 && towns.length >= 4) ? 'filiale' : 'agenzia');
      });
      cursor += Math.ceil((towns.length + 1) / 10) * 10;
    }
    add(cursor, `Direzione regionale ${region.name}`, 'direzione regionale');

    // Some offices are much busier than others of the same kind: a fixed log-normal factor.
    const jittered = inRegion.map((office) => office.base * Math.exp(0.6 * hashNormal(office.code)));
    const total = jittered.reduce((sum, w) => sum + w, 0);
    inRegion.forEach(({ base: _base, ...office }, i) => {
      offices.push({ ...office, weight: (region.load * at(jittered, i)) / total });
    });
  }
  return offices;
}

/** A standard-normal value that depends only on `key`. */
function hashNormal(key: string): number {
  const u = (hashString(key, 1) + 1) / 0x100000001;
  const v = hashString(key, 2) / 0x100000000;
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
}
