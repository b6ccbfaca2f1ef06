/** The Panel view: exchange, agreement, disagreement triage and weight fitting. */
export function PanelView() {
  return <section className="panel-view" data-testid="panel-view" />;
}
