/**
 * Where JSON text first goes wrong, for error messages with a line and column. Node 20's
 * JSON.parse gives no position for some errors ("Unexpected token '}'"), so this scans the
 * text itself: an iterative (no recursion, any nesting depth) linear-time check of the JSON
 * grammar that returns the offset of the first character that cannot continue a valid
 * document, or undefined when the text is valid.
 */
export function jsonErrorOffset(text: string): number | undefined {
  let i = 0;
  const n = text.length;
  const ws = () => {
    while (i < n && (text[i] === ' ' || text[i] === '\t' || text[i] === '\n' || text[i] === '\r')) i++;
  };
  const string = (): boolean => {
    i++; // opening quote
    while (i < n) {
      const c = text.charCodeAt(i);
      if (c === 0x22) return (i++, true);
      if (c < 0x20) return false;
      if (c === 0x5c) {
        const e = text[i + 1];
        if (e === 'u') {
          if (!/^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6))) return (i++, false);
          i += 6;
        } else if (e !== undefined && '"\\/bfnrt'.includes(e)) i += 2;
        else return (i++, false);
      } else i++;
    }
    return false;
  };
  const NUMBER = /-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/y;
  const scalar = (): boolean => {
    for (const word of ['true', 'false', 'null']) {
      if (text.startsWith(word, i)) return ((i += word.length), true);
    }
    NUMBER.lastIndex = i;
    const m = NUMBER.exec(text);
    if (!m || m[0].length === 0) return false;
    i += m[0].length;
    return true;
  };
  // stack of open containers: '{' or '['
  const stack: string[] = [];
  for (;;) {
    // Expect a value.
    ws();
    if (i >= n) return i;
    const c = text[i];
    if (c === '{' || c === '[') {
      stack.push(c);
      i++;
      ws();
      if (text[i] === (c === '{' ? '}' : ']')) {
        stack.pop();
        i++;
      } else if (c === '{') {
        if (text[i] !== '"' || !string()) return i;
        ws();
        if (text[i] !== ':') return i;
        i++;
        continue;
      } else continue;
    } else if (c === '"') {
      if (!string()) return i;
    } else if (!scalar()) return i;
    // After a value: close containers or move to the next member.
    for (;;) {
      ws();
      const top = stack[stack.length - 1];
      if (top === undefined) return i < n ? i : undefined;
      if (text[i] === ',') {
        i++;
        if (top === '{') {
          ws();
          if (text[i] !== '"' || !string()) return i;
          ws();
          if (text[i] !== ':') return i;
          i++;
        }
        break;
      }
      if (text[i] === (top === '{' ? '}' : ']')) {
        stack.pop();
        i++;
        continue;
      }
      return i;
    }
  }
}
