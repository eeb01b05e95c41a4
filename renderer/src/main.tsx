import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { FluentProvider, webLightTheme } from '@fluentui/react-components';
import { App } from './App';
import { keepCopiesClean } from './components/hyphenate';
import './styles.css';

const root = document.getElementById('root');
if (!root) throw new Error('The page has no #root element.');
keepCopiesClean(window);
createRoot(root).render(
  <StrictMode>
    <FluentProvider theme={webLightTheme} style={{ minHeight: '100%', background: 'transparent' }}>
      <App />
    </FluentProvider>
  </StrictMode>,
);
