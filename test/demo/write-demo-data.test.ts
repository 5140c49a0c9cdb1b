import type { RowDataPacket } from 'mysql2/promise';
import { UNKNOWN_OFFICE_APPLICATION, UNKNOWN_OFFICE_FLOW } from '../../src/demo/flaws';
import { DemoDataSummary, writeDemoData } from '../../src/demo/write-demo-data';
import { TestDatabase, createTestDatabase } from '../support/test-database';
import { at } from '../../src/common/checked-index';

const UNTIL = '2025-06-30';
const END = `${UNTIL} 23:59:59`;

describe('writeDemoData (small)', () => {
  let db: TestDatabase;
  let reference: TestDatabase;
  let summary: DemoDataSummary;

  /** One number from a query's first row and column. */
  async function value(sql: string): Promise<number> {
    const [rows] = await db.admin.query<RowDataPacket[]>(sql);
    return Number(Object.values(at(rows, 0))[0]);
  }

  async function shares(sql: string): Promise<Map<string, number>> {
    const [rows] = await db.admin.query<RowDataPacket[]>(sql);
    const total = rows.reduce((sum, row) => sum + Number(row.n), 0);
    return new Map(rows.map((row) => [String(row.k), Number(row.n) / total]));
  }

  beforeAll(async () => {
    db = await createTestDatabase({ withSchema: false });
    reference = await createTestDatabase({ withSchema: true });
    summary = await writeDemoData({ databaseUrl: db.url, size: 'small', seed: 20260101, until: UNTIL, replace: false });
  });

  afterAll(async () => {
    await db?.drop();
    await reference?.drop();
  });

  it('reports what it wrote', async () => {
    expect(summary.applications).toBe(50000);
    expect(summary.offices).toBe(await value('SELECT COUNT(*) FROM dasmo_sedi'));
    expect(summary.applications).toBe(await value('SELECT COUNT(*) FROM dasmo_domande'));
    expect(summary.flows).toBe(await value('SELECT COUNT(*) FROM dasmo_sr41'));
    expect(summary.seconds).toBeGreaterThan(0);
  });

  it('creates the tables exactly as schema/dasmo.sql does, indexes included', async () => {
    for (const table of ['dasmo_sedi', 'dasmo_domande', 'dasmo_sr41']) {
      const [mine] = await db.admin.query<RowDataPacket[]>(`SHOW CREATE TABLE ${table}`);
      const [theirs] = await reference.admin.query<RowDataPacket[]>(`SHOW CREATE TABLE ${table}`);
      expect(at(mine, 0)['Create Table']).toBe(at(theirs, 0)['Create Table']);
    }
  });

  it('has about 450 offices in the 20 regions, Lombardia and Lazio much busier', async () => {
    const offices = await value('SELECT COUNT(*) FROM dasmo_sedi');
    expect(offices).toBeGreaterThanOrEqual(430);
    expect(offices).toBeLessThanOrEqual(470);
    expect(await value('SELECT COUNT(DISTINCT codice_regione) FROM dasmo_sedi')).toBe(20);
    expect(await value('SELECT COUNT(DISTINCT regione) FROM dasmo_sedi')).toBe(20);
    const [rows] = await db.admin.query<RowDataPacket[]>(
      'SELECT s.regione AS region, COUNT(*) AS n FROM dasmo_domande d JOIN dasmo_sedi s USING (codice_sede) GROUP BY s.regione ORDER BY n',
    );
    const median = (Number(at(rows, 9).n) + Number(at(rows, 10).n)) / 2;
    const load = new Map(rows.map((row) => [String(row.region), Number(row.n) / median]));
    expect(load.get('Lombardia')).toBeGreaterThan(2.3);
    expect(load.get('Lazio')).toBeGreaterThan(2.3);
    expect(load.get('Lombardia')).toBeLessThan(3.8);
  });

  it('mixes benefits and outcomes in the expected shares', async () => {
    const benefits = await shares('SELECT prestazione AS k, COUNT(*) AS n FROM dasmo_domande GROUP BY prestazione');
    expect(benefits.get('CIGO')).toBeCloseTo(0.35, 1);
    expect(benefits.get('ASO')).toBeCloseTo(0.25, 1);
    expect(benefits.get('CIGD')).toBeCloseTo(0.38, 1);
    expect(benefits.get('CISOA')).toBeGreaterThan(0.01);
    expect(benefits.get('CISOA')).toBeLessThan(0.03);
    expect(benefits.get('CIGS')).toBeGreaterThan(0.002);
    expect(benefits.get('CIGS')).toBeLessThan(0.04);
    const multi = await value('SELECT COUNT(*) FROM dasmo_domande WHERE plurilocalizzata = 1');
    expect(multi).toBeGreaterThan(0);
    expect(multi).toBeLessThan(0.01 * 50000);
    expect(await value("SELECT COUNT(*) FROM dasmo_domande WHERE plurilocalizzata = 1 AND prestazione <> 'CIGD'")).toBe(0);
    const outcomes = await shares('SELECT esito AS k, COUNT(*) AS n FROM dasmo_domande WHERE esito IS NOT NULL GROUP BY esito');
    expect(outcomes.get('AUTORIZZATA')).toBeGreaterThan(0.88);
    expect(outcomes.get('AUTORIZZATA')).toBeLessThan(0.92);
    expect(outcomes.get('RESPINTA')).toBeGreaterThan(0.06);
    expect(outcomes.get('RESPINTA')).toBeLessThan(0.1);
    expect(outcomes.get('ANNULLATA')).toBeGreaterThan(0.01);
    expect(outcomes.get('ANNULLATA')).toBeLessThan(0.03);
  });

  it('has COVID-19 causes in 2020-2021 and ordinary inflow up to the last day', async () => {
    const covid = await value("SELECT COUNT(*) FROM dasmo_domande WHERE causale = 'COVID19'");
    const covidInPeriod = await value(
      "SELECT COUNT(*) FROM dasmo_domande WHERE causale = 'COVID19' AND data_presentazione < '2022-01-01'",
    );
    expect(covidInPeriod / covid).toBeGreaterThan(0.97);
    expect(await value("SELECT COUNT(*) FROM dasmo_domande WHERE causale NOT IN ('COVID19', 'ORDINARIA')")).toBe(0);
    expect(
      await value(`SELECT COUNT(*) FROM dasmo_domande WHERE causale = 'ORDINARIA' AND data_presentazione >= '${UNTIL}' - INTERVAL 30 DAY`),
    ).toBeGreaterThan(10);
    const april2020 = await value("SELECT COUNT(*) FROM dasmo_domande WHERE data_presentazione BETWEEN '2020-04-01' AND '2020-04-30 23:59:59'");
    const sept2020 = await value("SELECT COUNT(*) FROM dasmo_domande WHERE data_presentazione BETWEEN '2020-09-01' AND '2020-09-30 23:59:59'");
    expect(april2020).toBeGreaterThan(3 * sept2020);
  });

  it('keeps 1.5-3% pending on the last day, in both phases, with a chronic tail', async () => {
    const pending = await value('SELECT COUNT(*) FROM dasmo_domande WHERE data_definizione IS NULL');
    expect(pending / 50000).toBeGreaterThanOrEqual(0.015);
    expect(pending / 50000).toBeLessThanOrEqual(0.03);
    expect(await value('SELECT COUNT(*) FROM dasmo_domande WHERE data_definizione IS NULL AND data_istruttoria IS NOT NULL')).toBeGreaterThan(0);
    expect(await value('SELECT COUNT(*) FROM dasmo_domande WHERE data_definizione IS NULL AND data_istruttoria IS NULL')).toBeGreaterThan(0);
    for (const days of [90, 180, 365]) {
      expect(
        await value(`SELECT COUNT(*) FROM dasmo_domande WHERE data_definizione IS NULL AND data_presentazione < '${UNTIL}' - INTERVAL ${days} DAY`),
      ).toBeGreaterThan(0);
    }
  });

  it('keeps application dates consistent', async () => {
    expect(await value('SELECT COUNT(*) FROM dasmo_domande WHERE (esito IS NULL) <> (data_definizione IS NULL)')).toBe(0);
    expect(await value('SELECT COUNT(*) FROM dasmo_domande WHERE data_presentazione IS NULL')).toBe(0);
    expect(await value('SELECT COUNT(*) FROM dasmo_domande WHERE data_istruttoria <= data_presentazione')).toBe(0);
    expect(await value('SELECT COUNT(*) FROM dasmo_domande WHERE data_definizione <= data_istruttoria')).toBe(0);
    expect(await value('SELECT COUNT(*) FROM dasmo_domande WHERE data_definizione <= data_presentazione')).toBe(0);
    expect(
      await value(`SELECT COUNT(*) FROM dasmo_domande WHERE GREATEST(data_presentazione, COALESCE(data_istruttoria, 0), COALESCE(data_definizione, 0)) > '${END}'`),
    ).toBe(0);
    expect(await value("SELECT MIN(data_presentazione) >= '2020-03-01' FROM dasmo_domande")).toBe(1);
    expect(await value("SELECT COUNT(*) FROM dasmo_domande WHERE esito = 'ANNULLATA' AND data_istruttoria IS NULL")).toBeGreaterThan(0);
    // Decisions are taken in office hours on working days.
    expect(
      await value('SELECT COUNT(*) FROM dasmo_domande WHERE HOUR(data_definizione) NOT BETWEEN 8 AND 17 OR WEEKDAY(data_definizione) > 4'),
    ).toBe(0);
    expect(await value('SELECT COUNT(*) FROM dasmo_domande WHERE HOUR(data_presentazione) NOT BETWEEN 8 AND 17')).toBeGreaterThan(0);
  });

  it('has heavy-tailed worker counts', async () => {
    expect(await value('SELECT AVG(lavoratori <= 20) FROM dasmo_domande')).toBeGreaterThan(0.85);
    expect(await value('SELECT MAX(lavoratori) FROM dasmo_domande')).toBeGreaterThan(200);
    expect(await value('SELECT MIN(lavoratori) FROM dasmo_domande')).toBe(1);
  });

  it('has about one SR41 flow per direct-payment application and month, ~3.8 workers each', async () => {
    expect(summary.flows / summary.applications).toBeGreaterThan(0.8);
    expect(summary.flows / summary.applications).toBeLessThan(1.25);
    const workers = await value('SELECT AVG(lavoratori) FROM dasmo_sr41');
    expect(workers).toBeGreaterThan(3.4);
    expect(workers).toBeLessThan(4.2);
    const benefits = await shares('SELECT prestazione AS k, COUNT(*) AS n FROM dasmo_sr41 GROUP BY prestazione');
    expect(benefits.get('CIGD')).toBeGreaterThan(0.5);
  });

  it('has flows only for authorized applications of the same office, benefit and cause', async () => {
    const orphans = await value(
      'SELECT COUNT(*) FROM dasmo_sr41 f WHERE NOT EXISTS (SELECT 1 FROM dasmo_domande d WHERE ' +
        "d.esito = 'AUTORIZZATA' AND d.codice_sede = f.codice_sede AND d.prestazione = f.prestazione AND " +
        'd.causale = f.causale AND d.plurilocalizzata = f.plurilocalizzata AND d.data_definizione < f.data_ricezione)',
    );
    expect(orphans).toBe(1); // the deliberate flow on an unknown office
  });

  it('follows the channel rules', async () => {
    expect(await value("SELECT COUNT(*) FROM dasmo_sr41 WHERE (prestazione = 'CISOA') <> (canale = 'SR43')")).toBe(0);
    expect(await value("SELECT COUNT(*) FROM dasmo_sr41 WHERE canale = 'SR41' AND data_ricezione >= '2022-05-01'")).toBe(0);
    expect(await value("SELECT COUNT(*) FROM dasmo_sr41 WHERE canale = 'UNIEMENS_CIG' AND data_ricezione < '2022-05-01'")).toBe(0);
    for (const channel of ['SR41', 'UNIEMENS_CIG', 'SR43']) {
      expect(await value(`SELECT COUNT(*) FROM dasmo_sr41 WHERE canale = '${channel}'`)).toBeGreaterThan(0);
    }
  });

  it('settles and pays flows consistently, with the expected outcomes', async () => {
    expect(await value('SELECT COUNT(*) FROM dasmo_sr41 WHERE (esito IS NULL) <> (data_esito IS NULL)')).toBe(0);
    expect(await value('SELECT COUNT(*) FROM dasmo_sr41 WHERE data_liquidazione <= data_ricezione OR data_esito <= data_liquidazione OR data_esito <= data_ricezione')).toBe(0);
    expect(await value("SELECT COUNT(*) FROM dasmo_sr41 WHERE esito = 'PAGATO' AND (data_liquidazione IS NULL OR importo IS NULL)")).toBe(0);
    expect(await value("SELECT COUNT(*) FROM dasmo_sr41 WHERE esito <> 'PAGATO' AND (data_liquidazione IS NOT NULL OR importo IS NOT NULL)")).toBe(0);
    expect(
      await value(`SELECT COUNT(*) FROM dasmo_sr41 WHERE GREATEST(data_ricezione, COALESCE(data_liquidazione, 0), COALESCE(data_esito, 0)) > '${END}'`),
    ).toBe(0);
    const outcomes = await shares('SELECT COALESCE(esito, "pending") AS k, COUNT(*) AS n FROM dasmo_sr41 GROUP BY esito');
    expect(outcomes.get('SCARTATO')).toBeGreaterThan(0.03);
    expect(outcomes.get('SCARTATO')).toBeLessThan(0.05);
    expect(outcomes.get('ANNULLATO')).toBeGreaterThan(0);
    expect(outcomes.get('DECADUTO')).toBeGreaterThan(0);
    expect(outcomes.get('PAGATO')).toBeGreaterThan(0.85);
    // Rejected for form errors shortly after receipt.
    expect(await value("SELECT MAX(DATEDIFF(data_esito, data_ricezione)) FROM dasmo_sr41 WHERE esito = 'SCARTATO'")).toBeLessThanOrEqual(10);
    const perWorker = await value('SELECT MIN(importo / lavoratori) FROM dasmo_sr41 WHERE importo > 0');
    expect(perWorker).toBeGreaterThanOrEqual(100);
    expect(await value('SELECT MAX(importo / lavoratori) FROM dasmo_sr41')).toBeLessThanOrEqual(1199.72);
  });

  it('leaves flows pending in both phases, some for over 150 days', async () => {
    expect(await value('SELECT COUNT(*) FROM dasmo_sr41 WHERE esito IS NULL AND data_liquidazione IS NULL')).toBeGreaterThan(0);
    expect(await value('SELECT COUNT(*) FROM dasmo_sr41 WHERE esito IS NULL AND data_liquidazione IS NOT NULL')).toBeGreaterThan(0);
    expect(
      await value(`SELECT COUNT(*) FROM dasmo_sr41 WHERE esito IS NULL AND data_ricezione < '${UNTIL}' - INTERVAL 150 DAY`),
    ).toBeGreaterThan(0);
  });

  it('has exactly the deliberate data-quality flaws', async () => {
    const unknown = (table: string): Promise<number> =>
      value(`SELECT COUNT(*) FROM ${table} t LEFT JOIN dasmo_sedi s USING (codice_sede) WHERE s.codice_sede IS NULL`);
    expect(await unknown('dasmo_domande')).toBe(1);
    expect(await unknown('dasmo_sr41')).toBe(1);
    expect(await value(`SELECT COUNT(*) FROM dasmo_domande WHERE codice_sede = '${UNKNOWN_OFFICE_APPLICATION}'`)).toBe(1);
    expect(await value(`SELECT COUNT(*) FROM dasmo_sr41 WHERE codice_sede = '${UNKNOWN_OFFICE_FLOW}'`)).toBe(1);
    expect(await value('SELECT COUNT(*) FROM dasmo_sr41 WHERE importo < 0')).toBe(1);
  });
});
