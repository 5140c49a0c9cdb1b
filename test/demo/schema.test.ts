import { TABLES, deferSecondaryIndexes, readSchema, splitStatements } from '../../src/demo/schema';
import { at } from '../../src/common/checked-index';

describe('schema helpers', () => {
  it('splits statements, dropping comments and keeping quoted semicolons', () => {
    const sql = "-- a comment; with a semicolon\nCREATE TABLE a (x INT); -- trailing\nINSERT INTO a VALUES (';');\n";
    expect(splitStatements(sql)).toEqual(['CREATE TABLE a (x INT)', "INSERT INTO a VALUES (';')"]);
  });

  it('moves secondary indexes out of CREATE TABLE, keeping their definitions', () => {
    const sql =
      'CREATE TABLE IF NOT EXISTS t (\n  id INT NOT NULL,\n  d DECIMAL(14,2),\n  PRIMARY KEY (id),\n' +
      '  -- why, with (parentheses), and commas\n  KEY idx_t (d,\n    id),\n  UNIQUE KEY u (d)\n) ENGINE=InnoDB;';
    const table = at(deferSecondaryIndexes(sql), 0);
    expect(table.table).toBe('t');
    expect(table.create).toContain('d DECIMAL(14,2)');
    expect(table.create).toContain('PRIMARY KEY (id)');
    expect(table.create).not.toMatch(/KEY idx_t|KEY u/);
    expect(table.create).toMatch(/\) ENGINE=InnoDB$/);
    expect(table.addIndexes).toBe('ALTER TABLE `t` ADD KEY idx_t (d, id), ADD UNIQUE KEY u (d)');
  });

  it('handles the reference schema: three tables, two deferred snapshot indexes', () => {
    const tables = deferSecondaryIndexes(readSchema());
    expect(tables.map((t) => t.table)).toEqual([...TABLES]);
    const byName = new Map(tables.map((t) => [t.table, t]));
    expect(byName.get('dasmo_sedi')?.addIndexes).toBeNull();
    expect(byName.get('dasmo_domande')?.addIndexes).toMatch(/^ALTER TABLE `dasmo_domande` ADD KEY idx_domande_snapshot \(/);
    expect(byName.get('dasmo_sr41')?.addIndexes).toMatch(/^ALTER TABLE `dasmo_sr41` ADD KEY idx_sr41_snapshot \(/);
    for (const t of tables) expect(t.create).not.toMatch(/\bKEY idx_/);
  });
});
