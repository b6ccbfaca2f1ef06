import { splitCodeSpans } from './code-spans';

/** One line of text with its `code spans` shown as code; everything else stays plain text. */
export function InlineCode({ text }: { text: string }) {
  const parts = splitCodeSpans(text);
  if (parts.length === 1 && !parts[0]!.code) return <>{text}</>;
  return <>{parts.map((p, i) => (p.code ? <code key={i}>{p.text}</code> : <span key={i}>{p.text}</span>))}</>;
}
