const MIME: Record<string, string> = {
  wav: 'audio/wav',
  ogg: 'audio/ogg',
  oga: 'audio/ogg',
  opus: 'audio/ogg',
  mp3: 'audio/mpeg',
  m4a: 'audio/mp4',
  webm: 'audio/webm',
  png: 'image/png',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  gif: 'image/gif',
  webp: 'image/webp',
  json: 'application/json',
  jsonl: 'application/x-ndjson',
  cast: 'application/x-asciicast',
  md: 'text/markdown',
  txt: 'text/plain',
};

/** A MIME type from a path's extension; octet-stream when unknown. */
export function mimeForPath(path: string): string {
  const dot = path.lastIndexOf('.');
  if (dot === -1) return 'application/octet-stream';
  return MIME[path.slice(dot + 1).toLowerCase()] ?? 'application/octet-stream';
}
