/**
 * Writes the JSON Schemas of the .baton archive into docs/, generated from the zod schemas
 * (the single source of truth) with zod's own z.toJSONSchema:
 *
 *   docs/baton-archive.schema.json      manifest.json
 *   docs/baton-event.schema.json        one line of events.jsonl
 *   docs/baton-transcript.schema.json   audio/transcript.json
 *   docs/baton-review.schema.json       a .baton-review file (a reviewer's ratings, annotations and committee decisions)
 *
 * `npm run schema` regenerates them; a unit test fails when a committed file is stale.
 */
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { z } from 'zod';
import { Manifest, Transcript } from '../shared/archive/manifest';
import { SessionEvent } from '../shared/model/schema';
import { BatonReview } from '../shared/review/schema';

const BASE_ID = 'https://baton.invalid/schema/';

function generate(schema: z.ZodType, file: string, title: string, description: string): Record<string, unknown> {
  // "input": what a file may contain (fields with defaults may be left out).
  const json = z.toJSONSchema(schema, { io: 'input', target: 'draft-2020-12' }) as Record<string, unknown>;
  const { $schema, ...rest } = json;
  return { $schema, $id: `${BASE_ID}${file}`, title, description, ...rest };
}

/** File name in docs/ → schema object. */
export function buildSchemas(): Record<string, Record<string, unknown>> {
  return {
    'baton-archive.schema.json': generate(
      Manifest,
      'baton-archive.schema.json',
      'Baton archive manifest',
      'manifest.json at the root of a .baton archive: format marker, format version, creation time and the session metadata. See docs/archive-format.md.',
    ),
    'baton-event.schema.json': generate(
      SessionEvent,
      'baton-event.schema.json',
      'Baton session event',
      'One line of events.jsonl in a .baton archive: a single session event, discriminated by "kind". See docs/archive-format.md.',
    ),
    'baton-transcript.schema.json': generate(
      Transcript,
      'baton-transcript.schema.json',
      'Baton narration transcript',
      'audio/transcript.json in a .baton archive: the spoken narration as timed segments. See docs/archive-format.md.',
    ),
    'baton-review.schema.json': generate(
      BatonReview,
      'baton-review.schema.json',
      'Baton review',
      "A .baton-review file: one reviewer's ratings (six factors and overall, 1-5 or null for N/A, per session content hash, with revisions), annotations and, optionally, the committee's decisions. See docs/review-format.md.",
    ),
  };
}

export function renderSchema(schema: Record<string, unknown>): string {
  return JSON.stringify(schema, null, 2) + '\n';
}

export const DOCS_DIR = fileURLToPath(new URL('../docs/', import.meta.url));

function main(): void {
  for (const [file, schema] of Object.entries(buildSchemas())) {
    const path = resolve(DOCS_DIR, file);
    writeFileSync(path, renderSchema(schema));
    console.log(`wrote ${path}`);
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) main();
