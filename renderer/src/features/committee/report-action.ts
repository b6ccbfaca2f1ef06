/**
 * Writing the decision record from the app: the same HTML as `baton report`
 * (shared/committee/report.ts), saved as a file, or as PDF (Electron's printToPDF with page
 * numbers in the desktop app; the browser's print dialog in the web build).
 */
import type { ClassifierResult, Weights } from '../../../../shared/classifier';
import { promptLanguage } from '../../../../shared/classifier/language';
import type { Decision } from '../../../../shared/committee/decision';
import type { CommitteeInputs } from '../../../../shared/committee/inputs';
import type { Reel } from '../../../../shared/committee/reel';
import { renderReport } from '../../../../shared/committee/report';
import { platform } from '../../platform';
import type { CommitteeSession } from './blind-session';

export interface ReportParts {
  cs: CommitteeSession;
  blindOn: boolean;
  result: ClassifierResult;
  weights: Weights;
  presetName: string;
  reel: Reel;
  decision?: Decision;
  inputs: CommitteeInputs;
}

export function reportHtml(p: ReportParts): string {
  const row = p.cs.session.row;
  return renderReport({
    candidate: p.cs.candidate,
    blind: p.blindOn,
    blindText: p.cs.blind,
    sessions: [{ hash: row.contentHash, title: row.meta.title, startedAt: row.meta.startedAt, durationMs: row.meta.durationMs, eventCount: row.eventCount, result: p.result, promptsInEnglish: promptLanguage(p.cs.session.events).english, inputs: p.inputs, reel: p.reel }],
    weights: p.weights,
    presetName: p.presetName,
    ...(p.decision ? { decision: p.decision } : {}),
    linkBase: `${window.location.origin}${window.location.pathname}`,
    generatedAt: new Date().toISOString(),
  });
}

export function reportFileName(candidate: string, ext: 'html' | 'pdf'): string {
  const slug = candidate.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '') || 'candidate';
  return `decision-record-${slug}.${ext}`;
}

export async function saveReport(p: ReportParts, kind: 'html' | 'pdf'): Promise<boolean> {
  const html = reportHtml(p);
  const pf = platform();
  if (kind === 'html') return pf.saveFile(reportFileName(p.cs.candidate, 'html'), new Blob([html], { type: 'text/html' }));
  if (pf.printToPdf) return pf.printToPdf(reportFileName(p.cs.candidate, 'pdf'), html);
  // The web build: the browser's own print dialog (Save as PDF) on the report in a new window.
  const w = window.open('', '_blank');
  if (!w) return false;
  w.document.open();
  w.document.write(html);
  w.document.close();
  w.focus();
  w.print();
  return true;
}
