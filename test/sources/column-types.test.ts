/**
 * Issue 13, item 9: columns of the wrong type. Each case alters one column of the hand-made
 * dataset on a real MariaDB; check-config and snapshot must refuse the source with the same
 * line, and a collector must name the relation and column of a value it cannot convert.
 */
import { sourceSettingsFromEnv } from '../../src/config/settings';
import { collectOffices } from '../../src/collectors/offices';
import { collectSources } from '../../src/snapshot/collect-sources';
import { openSourceClients } from '../../src/sources/source-clients';
import { referenceWindow } from '../../src/time/reference-day';
import { loadHandMadeDataset } from '../support/hand-made';
import { runCli } from '../support/run-cli';
import { createTestDatabase, type TestDatabase } from '../support/test-database';

const DAY = '2021-03-28';

interface Case {
  readonly what: string;
  readonly source: 'applications' | 'sr41' | 'offices';
  readonly alter: string;
  readonly line: (url: string) => string;
}

const CASES: readonly Case[] = [
  {
    what: "VARCHAR dates such as 'garbage' and '01/11/2026'",
    source: 'applications',
    alter:
      "ALTER TABLE dasmo_domande MODIFY data_presentazione VARCHAR(30) NULL; UPDATE dasmo_domande SET data_presentazione = 'garbage' WHERE id = 19;" +
      "INSERT INTO dasmo_domande (id, codice_sede, prestazione, plurilocalizzata, causale, data_presentazione, lavoratori) VALUES (900, '4900', 'CIGO', 0, 'COVID19', '01/11/2026', 1)",
    line: (url) =>
      `applications source: dasmo_domande in ${url} has column(s) of the wrong type: data_presentazione is VARCHAR (needs DATETIME, TIMESTAMP or DATE)`,
  },
  {
    what: "a VARCHAR importo of '12,50 EUR'",
    source: 'sr41',
    alter: "ALTER TABLE dasmo_sr41 MODIFY importo VARCHAR(30) NULL; UPDATE dasmo_sr41 SET importo = '12,50 EUR' WHERE id = 3",
    line: (url) => `sr41 source: dasmo_sr41 in ${url} has column(s) of the wrong type: importo is VARCHAR (needs DECIMAL or an integer type)`,
  },
  {
    what: "a VARCHAR lavoratori of 'five'",
    source: 'sr41',
    alter: "ALTER TABLE dasmo_sr41 MODIFY lavoratori VARCHAR(10) NOT NULL; UPDATE dasmo_sr41 SET lavoratori = 'five' WHERE id = 3",
    line: (url) => `sr41 source: dasmo_sr41 in ${url} has column(s) of the wrong type: lavoratori is VARCHAR (needs an integer type)`,
  },
  {
    what: 'an INT prestazione',
    source: 'applications',
    alter: "SET SESSION sql_mode = ''; ALTER TABLE dasmo_domande MODIFY prestazione INT NOT NULL",
    line: (url) => `applications source: dasmo_domande in ${url} has column(s) of the wrong type: prestazione is INT (needs a character type)`,
  },
  {
    what: 'a BINARY denominazione',
    source: 'offices',
    alter: 'ALTER TABLE dasmo_sedi MODIFY denominazione VARBINARY(120) NOT NULL',
    line: (url) => `offices source: dasmo_sedi in ${url} has column(s) of the wrong type: denominazione is VARBINARY (needs a character type)`,
  },
];

describe('columns of the wrong type (real MariaDB)', () => {
  describe.each(CASES)('$what', ({ source, alter, line }) => {
    let db: TestDatabase;

    beforeAll(async () => {
      db = await createTestDatabase();
      await loadHandMadeDataset(db);
      await db.admin.query(alter);
    });

    afterAll(async () => {
      await db.drop();
    });

    it('should be refused by check-config and snapshot with the same one line', async () => {
      const env = { DASMO_DATABASE_URL: db.url };
      const [check, snapshot] = await Promise.all([runCli(['check-config'], env), runCli(['snapshot', '--reference-date', DAY], env)]);
      expect(check.code).toBe(2);
      expect(check.stdout).toContain(`${source}: ${db.url} NOT OK`);
      expect(check.stderr).toBe(`dasmo-exporter: ${line(db.url)}\n`);
      expect(snapshot.code).toBe(1);
      expect(snapshot.stdout).toBe('');
      expect(snapshot.stderr).toBe(`dasmo-exporter: ${line(db.url)}\n`);
    });

    it('should fail only that source, as a schema failure, when the service reads the sources', async () => {
      const settings = sourceSettingsFromEnv({ DASMO_DATABASE_URL: db.url });
      const sources = openSourceClients(settings);
      try {
        const collected = await collectSources(sources.clients, referenceWindow(DAY, settings.timezone));
        for (const other of ['applications', 'sr41', 'offices'] as const) expect(collected[other].ok).toBe(other !== source);
        const failed = collected[source];
        expect(failed.ok ? undefined : { message: failed.error.message, code: failed.error.code }).toEqual({ message: line(db.url), code: 'schema' });
      } finally {
        await sources.close();
      }
    });
  });

  it('should name the relation and column when a collector meets bytes where text is due', async () => {
    const db = await createTestDatabase();
    try {
      await loadHandMadeDataset(db);
      await db.admin.query('ALTER TABLE dasmo_sedi MODIFY tipo_sede VARBINARY(60) NOT NULL');
      const sources = openSourceClients(sourceSettingsFromEnv({ DASMO_DATABASE_URL: db.url }));
      try {
        await expect(collectOffices(sources.clients.offices)).rejects.toThrow(/^dasmo_sedi\.tipo_sede holds bytes where the contract needs text$/);
      } finally {
        await sources.close();
      }
    } finally {
      await db.drop();
    }
  });
});
