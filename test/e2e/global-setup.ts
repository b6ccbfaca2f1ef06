import { mkdirSync, writeFileSync } from 'node:fs';
import { generateCast } from '../fixtures/cast';
import { claudeProjectFiles } from '../fixtures/claude-project';
import { dirname, join } from 'node:path';
import { corruptArchive, validArchive, zipBomb } from '../fixtures/archives';

export const FIXTURE_DIR = join(process.cwd(), 'test-results', 'e2e-fixtures');

export default async function globalSetup(): Promise<void> {
  mkdirSync(FIXTURE_DIR, { recursive: true });
  writeFileSync(join(FIXTURE_DIR, 'large-session.baton'), await validArchive('large', 'Large fixture session', 60_000));
  writeFileSync(join(FIXTURE_DIR, 'small-session.baton'), await validArchive('small', 'Small fixture session', 50));
  writeFileSync(join(FIXTURE_DIR, 'corrupt.baton'), await corruptArchive());
  writeFileSync(join(FIXTURE_DIR, 'zip-bomb.baton'), await zipBomb());
  writeFileSync(join(FIXTURE_DIR, 'build-and-test.cast'), generateCast({ steps: 30 }).text);
  for (const [rel, text] of Object.entries(claudeProjectFiles())) {
    const p = join(FIXTURE_DIR, 'claude-project', rel);
    mkdirSync(dirname(p), { recursive: true });
    writeFileSync(p, text);
  }
  writeFileSync(join(FIXTURE_DIR, 'not-a-session.baton'), 'just some text, not an archive\n');
  const folder = join(FIXTURE_DIR, 'folder');
  mkdirSync(join(folder, 'nested'), { recursive: true });
  writeFileSync(join(folder, 'first.baton'), await validArchive('folder-1', 'Folder session one', 20));
  writeFileSync(join(folder, 'nested', 'second.baton'), await validArchive('folder-2', 'Folder session two', 30));
}
