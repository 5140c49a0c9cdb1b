import type { Office } from '../collectors/offices';
import { declareFamily } from './declared-family';
import { type MetricFamily, renderLabels } from './openmetrics';

export const UNKNOWN_REGION = 'unknown';

const OFFICE_INFO = declareFamily({
  name: 'dasmo_office',
  type: 'info',
  help: 'INPS offices (sedi) as listed in dasmo_sedi at the daily snapshot for the reference day: code, name, region and type.',
});

/** Offices by code: the region of each office, and the `dasmo_office_info` family. */
export class OfficeDirectory {
  private readonly byCode: ReadonlyMap<string, Office>;

  constructor(readonly offices: readonly Office[]) {
    this.byCode = new Map(offices.map((office) => [office.code, office]));
  }

  /** The office's region code, or null when the office is not in dasmo_sedi. */
  regionOf(officeCode: string): string | null {
    return this.byCode.get(officeCode)?.regionCode ?? null;
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
