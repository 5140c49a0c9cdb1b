import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { TestDatabase } from './test-database';

/** Loads test/fixtures/hand-made.sql (reference day 2021-03-28) into a test database. */
export async function loadHandMadeDataset(db: TestDatabase): Promise<void> {
  await db.admin.query(readFileSync(join(__dirname, '..', 'fixtures', 'hand-made.sql'), 'utf8'));
}
