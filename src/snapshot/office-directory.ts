import type { Office } from '../collectors/offices';
import { QualityTally } from './data-quality';
import { declareFamily } from './declared-family';
import { type MetricFamily, renderLabels } from './openmetrics';
import { codePointOrder } from '../common/code-point-order';

export const UNKNOWN_REGION = 'unknown';

const OFFICE_INFO = declareFamily({
  name: 'dasmo_office',
  type: 'info',
  help: 'INPS offices (sedi) as listed in dasmo_sedi at the daily snapshot for the reference day: code, name, region and type.',
});

function fields(office: Office): readonly string[] {
  return [office.regionCode, office.name, office.regionName, office.type];
}

/** Code-point order of the fields after the code: independent of the source's collation and row order. */
function compareFields(a: Office, b: Office): number {
  const left = fields(a);
  const right = fields(b);
  for (let index = 0; index < left.length; index += 1) {
    const order = codePointOrder(left[index] ?? '', right[index] ?? '');
    if (order !== 0) return order;
  }
  return 0;
}

/**
 * One office per code. Of several rows for a code, the first by region code, name, region
 * name and type (code-point order) is kept; the others are counted as duplicate_office when
 * every row of the code is the same, else as conflicting_office.
 */
function uniqueOffices(offices: readonly Office[], quality: QualityTally): Office[] {
  const byCode = new Map<string, Office[]>();
  for (const office of offices) {
    const rows = byCode.get(office.code);
    if (rows === undefined) byCode.set(office.code, [office]);
    else rows.push(office);
  }
  return [...byCode.values()].map((rows) => {
    const [kept, ...others] = [...rows].sort(compareFields);
    if (kept === undefined) throw new Error('an office code without rows');
    const identical = others.every((other) => compareFields(other, kept) === 0);
    quality.add(identical ? 'duplicate_office' : 'conflicting_office', others.length);
    return kept;
  });
}

/** Offices by code: the region of each office, the `dasmo_office_info` family, and the data quality of dasmo_sedi. */
export class OfficeDirectory {
  readonly offices: readonly Office[];
  readonly quality = new QualityTally('offices');
  private readonly byCode: ReadonlyMap<string, Office>;

  constructor(rows: readonly Office[]) {
    this.offices = uniqueOffices(rows, this.quality);
    this.byCode = new Map(this.offices.map((office) => [office.code, office]));
  }

  /** The office's region code, or null when the office is not in dasmo_sedi. */
  regionOf(officeCode: string): string | null {
    return this.byCode.get(officeCode)?.regionCode ?? null;
  }

  /** The region codes of the offices, each once, in code-point order. */
  regionCodes(): string[] {
    return [...new Set(this.offices.map((office) => office.regionCode))].sort(codePointOrder);
  }

  infoFamily(): MetricFamily {
    return OFFICE_INFO.family(
      this.offices.map((office) =>
        OFFICE_INFO.sample(
          renderLabels([
            ['office', office.code],
            ['office_name', office.name],
            ['region', office.regionCode],
            ['region_name', office.regionName],
            ['office_type', office.type],
          ]),
          1,
        ),
      ),
    );
  }
}
