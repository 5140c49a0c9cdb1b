import { collectOffices, OFFICES_SQL } from '../../src/collectors/offices';
import { RowsClient } from '../support/rows-client';

describe('collectOffices', () => {
  it('should trim every field, read NULL as empty text and keep the driver order', async () => {
    const client = new RowsClient([
      { codice_sede: '0101 ', denominazione: ' Torino ', codice_regione: '01', regione: 'Piemonte', tipo_sede: 'sede provinciale' },
      { codice_sede: '9900', denominazione: null, codice_regione: null, regione: null, tipo_sede: null },
    ]);
    expect(await collectOffices(client)).toEqual([
      { code: '0101', name: 'Torino', regionCode: '01', regionName: 'Piemonte', type: 'sede provinciale' },
      { code: '9900', name: '', regionCode: '', regionName: '', type: '' },
    ]);
  });

  it('should leave out rows without an office code', async () => {
    const client = new RowsClient([
      { codice_sede: null, denominazione: 'Senza codice', codice_regione: '01', regione: 'Piemonte', tipo_sede: 'agenzia' },
      { codice_sede: '   ', denominazione: 'Codice vuoto', codice_regione: '01', regione: 'Piemonte', tipo_sede: 'agenzia' },
      { codice_sede: '0102', denominazione: 'Alessandria', codice_regione: '01', regione: 'Piemonte', tipo_sede: 'agenzia' },
    ]);
    expect((await collectOffices(client)).map((office) => office.code)).toEqual(['0102']);
  });

  it('should run its one statement without parameters', async () => {
    const client = new RowsClient([]);
    expect(await collectOffices(client)).toEqual([]);
    expect(client.queries).toEqual([{ sql: OFFICES_SQL, params: [] }]);
  });
});
