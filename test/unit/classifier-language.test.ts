/**
 * Whether the candidate's prompts are in English (shared/classifier/language.ts). The rules
 * read English phrasing, so a session prompted in another language scores low for want of
 * evidence; the score panel says so instead of letting the numbers speak for it.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { SessionEvent } from '../../shared/model/schema';
import { MIN_ENGLISH_SHARE, MIN_WORDS, promptLanguage, proseLanguage } from '../../shared/classifier/language';
import { importText } from './helpers/claude-fixture';
import { spanishTranscript } from '../fixtures/spanish-transcript';
import { allRatedFiles, ratedSessionsAvailable, realPath, realSessionsAvailable } from './helpers/real-sessions';

const ENGLISH = `Before you write anything, read the retry module and tell me how it decides to give up. I want the
backoff to stay bounded: what happens if the server keeps answering 503 for an hour? Please do not
change the public interface; the billing job depends on it. If a test is flaky, show me why first.`;
const SPANISH = `Antes de escribir nada, lee el módulo de reintentos y dime cómo decide rendirse. Quiero que la espera
siga acotada: ¿qué pasa si el servidor responde 503 durante una hora? Por favor no cambies la interfaz
pública; el proceso de facturación depende de ella. Si una prueba falla a veces, muéstrame por qué.`;
const GERMAN = `Bevor du irgendetwas schreibst, lies das Modul für Wiederholungen und sag mir, wann es aufgibt. Die
Wartezeit soll begrenzt bleiben: was passiert, wenn der Server eine Stunde lang 503 antwortet? Ändere bitte
die öffentliche Schnittstelle nicht; der Abrechnungsjob hängt davon ab. Zeig mir zuerst, warum ein Test wackelt.`;
const CHINESE = '在写任何代码之前，先读一下重试模块，告诉我它在什么情况下会放弃。我希望等待时间有上限：如果服务器一小时都返回503会怎样？请不要修改公共接口，计费任务依赖它。如果某个测试不稳定，先告诉我原因。';

describe('the language of the candidate\'s prose', () => {
  it('reads English prose as English, with about a third of its words English function words', () => {
    const l = proseLanguage([ENGLISH]);
    expect(l.english).toBe(true);
    expect(l.words).toBeGreaterThanOrEqual(MIN_WORDS);
    expect(l.englishShare).toBeGreaterThan(0.25);
  });

  it('reads Spanish, German and Chinese prose as not English', () => {
    for (const text of [SPANISH, GERMAN, CHINESE]) {
      const l = proseLanguage([text]);
      expect(l.words).toBeGreaterThanOrEqual(MIN_WORDS);
      expect(l.englishShare).toBeLessThan(MIN_ENGLISH_SHARE);
      expect(l.english).toBe(false);
    }
  });

  it('leaves code out: English prompts full of identifiers, paths, links and code blocks stay English', () => {
    const prompt = `Fix the parser in \`src/dates/parse-range.ts\` so that it accepts /var/log/app.log paths too, see https://example.com/issues/42 and this:
\`\`\`ts
export function parseRange(input: string): DateRange { return splitOnDash(normaliseWhitespace(input)).map(toDate) as DateRange; }
\`\`\`
It should not throw on an empty string; what would you return there, and why is that better than null?`;
    expect(proseLanguage([prompt, prompt]).english).toBe(true);
    // The same request in Spanish around the same code is still not English.
    const es = prompt.replace('Fix the parser in', 'Arregla el analizador en').replace('so that it accepts', 'para que acepte').replace('paths too, see', 'también, mira').replace('and this:', 'y esto:').replace('It should not throw on an empty string; what would you return there, and why is that better than null?', 'No debería fallar con una cadena vacía; ¿qué devolverías ahí, y por qué es mejor que nulo? Explícalo con calma antes de tocar nada, por favor, y dime qué pruebas añadirías.');
    expect(proseLanguage([es, es]).english).toBe(false);
  });

  it('gives no verdict on a few short prompts: too little prose counts as English', () => {
    expect(proseLanguage(['可以', '开始实施']).english).toBe(true);
    expect(proseLanguage([]).english).toBe(true);
  });

  it('reads only what the candidate typed in the main session, not the agent nor a subagent\'s prompts', () => {
    const ev = (kind: 'prompt' | 'response', actor: 'candidate' | 'agent', text: string, lane?: string) => ({ id: `${kind}-${actor}-${text.length}-${lane ?? ''}`, t: 0, kind, actor, text, ...(lane ? { lane } : {}) }) as unknown as SessionEvent;
    const events = [ev('prompt', 'candidate', CHINESE), ev('response', 'agent', ENGLISH.repeat(5)), ev('prompt', 'agent', ENGLISH.repeat(5), 'agent-1'), ev('prompt', 'candidate', ENGLISH.repeat(5), 'agent-2')];
    expect(promptLanguage(events).english).toBe(false);
  });

  it('reads a Claude Code transcript prompted in Spanish as not English', async () => {
    const body = spanishTranscript('s-es');
    const { events } = await importText('es.jsonl', body);
    expect(promptLanguage(events).english).toBe(false);
  });
});

describe.skipIf(!ratedSessionsAvailable)('the rated real sessions', () => {
  it('are all prompted in English, so none of them carries the notice', async () => {
    const files = allRatedFiles();
    expect(files.length).toBe(20);
    for (const f of files) {
      const { events } = await importText(f.split('/').pop()!, readFileSync(f, 'utf8'), 1 << 20);
      expect(promptLanguage(events).english, f).toBe(true);
    }
  });
});

describe.skipIf(!realSessionsAvailable)('a real Codex rollout prompted in Chinese', () => {
  it('reads as not English', async () => {
    const f = realPath('codex', 'cpolar-connect-rollout-0.36.jsonl');
    const { events } = await importText('cpolar-connect-rollout-0.36.jsonl', readFileSync(f, 'utf8'), 1 << 20);
    const l = promptLanguage(events);
    expect(l.words).toBeGreaterThanOrEqual(MIN_WORDS);
    expect(l.english).toBe(false);
  });
});
