import type { LargeText, SessionEvent } from '../../../../../shared/model/schema';

function text(x: LargeText | undefined): string {
  return typeof x === 'string' ? x : '';
}

/** Every searchable string of an event (blob-backed outputs are not searched). */
export function eventTexts(e: SessionEvent): string[] {
  switch (e.kind) {
    case 'prompt':
    case 'response':
    case 'thinking':
    case 'narration':
      return [e.text];
    case 'tool_call':
      return [e.name, typeof e.input === 'string' ? e.input : JSON.stringify(e.input ?? ''), text(e.output)];
    case 'diff':
      return [e.path, e.oldPath ?? '', e.after ?? '', e.patch ?? ''];
    case 'command':
      return [e.cmd, text(e.stdout), text(e.stderr)];
    case 'test_run':
      return [e.cmd ?? '', e.framework ?? ''];
    case 'git_action':
      return [e.action, e.message ?? '', e.ref ?? '', e.sha ?? ''];
    case 'decision':
      return [e.question, ...e.options, e.chosen ?? '', e.rationale ?? ''];
    case 'approval':
      return [e.tool, e.reason ?? ''];
    case 'interrupt':
      return [e.reason ?? 'interrupt'];
    case 'marker':
      return [e.label];
  }
}
