import { Component, type ErrorInfo, type ReactNode } from 'react';

/**
 * Catches a render error in one pane or route: the pane shows what failed, with a button to
 * try again, and the rest of the app keeps working. Without it one bad message (say, markdown
 * that overflows the stack) blanks the whole window.
 */
interface Props {
  /** What the pane shows, for the message: "the Task & info tab". */
  what: string;
  /** Changing it clears the error (a new session, another tab). */
  resetKey?: unknown;
  children: ReactNode;
}

interface State {
  error: Error | undefined;
  key: unknown;
}

export class ErrorBoundary extends Component<Props, State> {
  override state: State = { error: undefined, key: this.props.resetKey };

  static getDerivedStateFromError(error: unknown): Partial<State> {
    return { error: error instanceof Error ? error : new Error(String(error)) };
  }

  static getDerivedStateFromProps(props: Props, state: State): Partial<State> | null {
    return props.resetKey !== state.key ? { error: undefined, key: props.resetKey } : null;
  }

  override componentDidCatch(error: unknown, info: ErrorInfo): void {
    console.error(`[baton] ${this.props.what} failed to render`, error, info.componentStack);
  }

  override render(): ReactNode {
    const { error } = this.state;
    if (!error) return this.props.children;
    const first = (error.message.split('\n', 1)[0] ?? '').slice(0, 300);
    return (
      <div className="pane-error" role="alert" data-testid="pane-error">
        <p>
          <strong>{this.props.what[0]!.toUpperCase() + this.props.what.slice(1)} could not be shown</strong> ({error.name}: {first || 'no message'}). The rest of
          Baton still works.
        </p>
        <button className="btn small" onClick={() => this.setState({ error: undefined })}>
          Try again
        </button>
      </div>
    );
  }
}
