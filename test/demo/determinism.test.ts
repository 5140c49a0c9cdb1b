import type { RowDataPacket } from 'mysql2/promise';
import { UserError } from '../../src/common/user-error';
import { DemoDataOptions, writeDemoData } from '../../src/demo/write-demo-data';
import { TEST_SERVER_URL, TestDatabase, createTestDatabase } from '../support/test-database';

function options(databaseUrl: string, seed: number, replace = false): DemoDataOptions {
  return { databaseUrl, size: 'small', seed, until: '2024-12-31', replace };
}

describe('writeDemoData: determinism and safety', () => {
  let fresh: TestDatabase;
  let withTables: TestDatabase;
  /** A database that does not exist yet: writeDemoData creates it. */
  let missing: string;

  async function checksums(database: string): Promise<string[]> {
    const tables = ['dasmo_sedi', 'dasmo_domande', 'dasmo_sr41'].map((t) => `\`${database}\`.${t}`).join(', ');
    const [rows] = await fresh.admin.query<RowDataPacket[]>(`CHECKSUM TABLE ${tables}`);
    return rows.map((row) => `${String(row.Table).split('.')[1]}=${String(row.Checksum)}`);
  }

  beforeAll(async () => {
    fresh = await createTestDatabase({ withSchema: false });
    withTables = await createTestDatabase({ withSchema: true });
    missing = `${fresh.name}_new`;
  });

  afterAll(async () => {
    await fresh?.admin.query(`DROP DATABASE IF EXISTS \`${missing}\``);
    await withTables?.drop();
    await fresh?.drop();
  });

  it('writes identical tables for the same seed, different ones for another seed', async () => {
    const first = await writeDemoData(options(`${TEST_SERVER_URL}/${missing}`, 99));
    expect(first.applications).toBe(50000);
    // The schema's empty tables are no data: no replace needed.
    await writeDemoData(options(withTables.url, 99));
    const reference = await checksums(missing);
    expect(await checksums(withTables.name)).toEqual(reference);

    // Refuses to overwrite data without replace, and leaves it as it was.
    const refusal = writeDemoData(options(withTables.url, 100));
    await expect(refusal).rejects.toThrow(UserError);
    await expect(refusal).rejects.toThrow(/already holds data in .*--replace/);
    expect(await checksums(withTables.name)).toEqual(reference);

    await writeDemoData(options(withTables.url, 100, true));
    const other = await checksums(withTables.name);
    expect(other[0]).toBe(reference[0]); // the same offices whatever the seed
    expect(other[1]).not.toBe(reference[1]);
    expect(other[2]).not.toBe(reference[2]);
  });

  it('never writes over views, even with replace', async () => {
    await fresh.admin.query('CREATE VIEW dasmo_domande AS SELECT 1 AS id');
    await expect(writeDemoData(options(fresh.url, 1, true))).rejects.toThrow(/dasmo_domande .* is a view/);
  });

  it('reports an unreachable server in one line', async () => {
    const unreachable = writeDemoData(options('mysql://root@127.0.0.1:1/nowhere', 1));
    await expect(unreachable).rejects.toThrow(UserError);
    await expect(unreachable).rejects.toThrow(/^connecting to mysql:\/\/root@127\.0\.0\.1:1\/nowhere failed: /);
  });
});
