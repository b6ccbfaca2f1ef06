import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App';
import { registerPanelCompareSlots } from './features/panel/compare-slots';
import './styles.css';

// Each side-by-side pane shows the reviewers' ratings of its session.
registerPanelCompareSlots();

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
