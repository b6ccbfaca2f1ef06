/** The content hash that identifies a session in review files: hex SHA-256 of its source bytes. */
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex } from '@noble/hashes/utils.js';

export function sessionHash(source: Uint8Array | string): string {
  return bytesToHex(sha256(typeof source === 'string' ? new TextEncoder().encode(source) : source));
}
