import { describe, expect, it } from 'vitest';
import { DEFAULT_WEIGHTS, extractEvidence } from '../../shared/classifier';
import { Decision, tally } from '../../shared/committee/decision';
import { buildReel } from '../../shared/committee/reel';
import { agreementFigures, ratingDissent } from '../../shared/committee/report-data';
import { clock, deepLink, renderReport, type ReportInput } from '../../shared/committee/report';
import { generateSample } from '../../shared/samples';
import { parseHash, routeHash } from '../../renderer/src/app/router';

const s = generateSample('thrasher');
const result = extractEvidence(s);
const HASH = 'a'.repeat(64);

function input(over: Partial<ReportInput> = {}): ReportInput {
  return {
    candidate: 'Ada <b>Lovelace</b>',
    blind: false,
    sessions: [{ hash: HASH, title: s.meta.title, startedAt: s.meta.startedAt, durationMs: s.meta.durationMs, eventCount: s.events.length, result, reel: buildReel({ evidence: result.evidence, events: s.events, durationMs: s.meta.durationMs }) }],
    weights: { ...DEFAULT_WEIGHTS },
    presetName: 'default',
    linkBase: 'http://127.0.0.1:5173/',
    generatedAt: '2026-03-03T12:00:00.000Z',
    ...over,
  };
}

describe('the decision record', () => {
  it('escapes every text it prints: nothing typed in the meeting becomes markup', () => {
    const decision = Decision.parse({ outcome: 'no-hire', rationale: '<script>alert(1)</script> & "quotes"', decidedAt: '2026-03-03T11:00:00Z', votes: [{ member: '<img src=x onerror=alert(1)>', vote: 'hire' }] });
    const html = renderReport(input({ decision }));
    expect(html).not.toMatch(/<script|<img|<b>/);
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;quotes&quot;');
    expect(html).toContain('Decision record: Ada &lt;b&gt;Lovelace&lt;/b&gt;');
  });

  it('lists every evidence item as a cited moment with its time and a deep link, in time order', () => {
    const html = renderReport(input());
    const links = [...html.matchAll(/<td class="n"><a href="http:\/\/127\.0\.0\.1:5173\/#\/open\/a{64}\?t=(\d+)">([\d:]+)<\/a><\/td><td class="(?:pos|neg)">/g)];
    expect(links).toHaveLength(result.evidence.length);
    const ts = links.map((m) => Number(m[1]));
    expect(ts).toEqual([...ts].sort((a, b) => a - b));
    for (const m of links) expect(m[2]).toBe(clock(Number(m[1])));
    expect(html).toContain(`Cited moments (${result.evidence.length})`);
  });

  it('says plainly what is missing instead of printing empty tables', () => {
    const html = renderReport(input());
    expect(html).toContain('No reviewer ratings were given for this session.');
    expect(html).toContain('Agreement needs at least two reviewers');
    expect(html).toContain('No decision has been recorded yet.');
    expect(html).toContain('No dissent recorded.');
  });

  it('is the same for the same inputs apart from its date', () => {
    const a = renderReport(input());
    const b = renderReport(input({ generatedAt: '2027-01-01T00:00:00.000Z' }));
    expect(a).not.toBe(b);
    expect(a.replace('2026-03-03T12:00:00.000Z', 'X')).toBe(b.replace('2027-01-01T00:00:00.000Z', 'X'));
  });

  it('says beside the scores when the candidate prompted in another language than English, and only then', () => {
    const session = input().sessions[0]!;
    const note = "The candidate's prompts are not in English.";
    expect(renderReport(input())).not.toContain('not in English');
    expect(renderReport(input({ sessions: [{ ...session, promptsInEnglish: true }] }))).not.toContain('not in English');
    const html = renderReport(input({ sessions: [{ ...session, promptsInEnglish: false }] }));
    expect(html.replace(/&#39;/g, "'")).toContain(note);
    // In the scores section, before their table.
    expect(html.indexOf('not in English')).toBeGreaterThan(html.indexOf('<h3>Classifier scores</h3>'));
    expect(html.indexOf('not in English')).toBeLessThan(html.indexOf('<th>Factor</th>'));
  });

  it('applies the blind function to session texts', () => {
    const html = renderReport(input({ blind: true, blindText: (t) => t.replace(/Sample/g, 'Hidden') }));
    expect(html).not.toContain('Sample ·');
    expect(html).toContain('Candidate-blind');
  });
});

describe('agreement figures and dissent', () => {
  const r = (reviewer: string, before: number, after: number) => ({ reviewer, before: { scores: { scoping: before, overall: before } }, after: { scores: { scoping: after, overall: after } } });
  it('gives spread and pairs within one point before and after discussion', () => {
    const fig = agreementFigures([r('a', 1, 3), r('b', 5, 4), r('c', 3, 3)]);
    const scoping = (p: typeof fig.after) => p.factors.find((f) => f.factor === 'scoping')!;
    expect(scoping(fig.before!)).toMatchObject({ n: 3, mean: 3, min: 1, max: 5, withinOne: 0 });
    expect(scoping(fig.after)).toMatchObject({ n: 3, mean: 3.33, min: 3, max: 4, withinOne: 1 });
    expect(fig.after.alpha).not.toBeNull();
  });
  it('names reviewers two points from the median, and votes against the decision', () => {
    expect(ratingDissent([r('a', 1, 1), r('b', 4, 4), r('c', 4, 4)])).toEqual([{ reviewer: 'a', score: 1, median: 4 }]);
    expect(ratingDissent([r('a', 1, 1), r('b', 4, 4)])).toEqual([]);
    const t = tally({ outcome: 'hire', votes: [{ member: 'x', vote: 'hire' }, { member: 'y', vote: 'abstain' }, { member: 'z', vote: 'no-hire' }] });
    expect(t.counts).toEqual({ hire: 1, 'no-hire': 1, 'more-evidence': 0, abstain: 1 });
    expect(t.dissent.map((v) => v.member)).toEqual(['z']);
  });
});

describe('committee routes', () => {
  it('parses and writes the presenter, audience and deep-link routes', () => {
    expect(parseHash('#/committee/s%201')).toEqual({ name: 'committee', id: 's 1' });
    expect(parseHash('#/audience/s1')).toEqual({ name: 'audience', id: 's1' });
    expect(parseHash(`#/open/${HASH}?t=61000`)).toEqual({ name: 'open', hash: HASH, t: 61000 });
    expect(parseHash(new URL(deepLink('http://x/', HASH, 5)).hash)).toEqual({ name: 'open', hash: HASH, t: 5 });
    expect(routeHash({ name: 'committee', id: 's 1' })).toBe('#/committee/s%201');
    expect(parseHash('#/session/abc?t=5')).toEqual({ name: 'session', id: 'abc', t: 5 });
  });
});
