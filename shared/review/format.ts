/** The `.baton-review` file's format name and version (schema.ts describes the file). Kept apart from the zod schema so the review store can stamp them without building it. */
export const REVIEW_FORMAT = 'baton-review';
export const REVIEW_FORMAT_VERSION = 1;
