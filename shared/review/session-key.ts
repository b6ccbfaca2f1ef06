/**
 * The hash that names a library session in review files. A session imported from one file
 * is stored under the SHA-256 of that file's bytes, which is already the review hash. Two
 * cases are not a bare file hash: a file holding several sessions (stored as "<hash>#<n>")
 * and a transcript imported with its subagent files (a hash over the group). Those are
 * hashed once more so that every session has a 64-character hex key; two machines that
 * imported the same bytes in the same way still compute the same key.
 */
import { sessionHash } from './hash';

const HEX64 = /^[0-9a-f]{64}$/;

export function reviewKey(contentHash: string): string {
  return HEX64.test(contentHash) ? contentHash : sessionHash(`baton-session-key\n${contentHash}`);
}
