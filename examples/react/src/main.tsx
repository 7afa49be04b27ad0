import { StrictMode } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { App, type AppProps } from './App.js';

/** Renders the example into `container` (the page's #root, or a test's own element). */
export function mount(container: Element, props: AppProps = {}): Root {
  const root = createRoot(container);
  root.render(
    <StrictMode>
      <App {...props} />
    </StrictMode>,
  );
  return root;
}

const pageRoot = document.getElementById('root');
if (pageRoot) mount(pageRoot);
