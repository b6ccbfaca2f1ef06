/**
 * A new, empty database for each test: opened before the test (of the file or the describe
 * block this is called in), handed to `use`, deleted after it.
 */
import { afterEach, beforeEach } from 'vitest';
import { BatonDB } from '../../../renderer/src/db/schema';

let serial = 0;

/** A database name no other test of this run uses. */
export function uniqueDbName(prefix: string): string {
  return `${prefix}-${++serial}`;
}

export function eachFreshDb(prefix: string, use: (db: BatonDB) => unknown): void {
  let current: BatonDB | undefined;
  beforeEach(async () => {
    current = new BatonDB(uniqueDbName(prefix));
    await current.open();
    await use(current);
  });
  afterEach(async () => {
    await current?.delete();
    current = undefined;
  });
}
