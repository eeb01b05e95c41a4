/** The app frame: workspace bar with undo and redo, the page tabs, then the page. */
import { lazy, Suspense, useEffect, useRef, useState, type DragEvent } from 'react';
import { Badge, Button, MessageBar, MessageBarBody, Spinner, Text } from '@fluentui/react-components';
import { useApi } from './api/useApi';
import { DashboardPage } from './features/dashboard/DashboardPage';
import { ImportPage } from './features/import/ImportPage';
import { ActionLogPage } from './features/actions/ActionLogPage';
import { AuditPage } from './features/audit/AuditPage';
import { IndicatorsPage } from './features/indicators/IndicatorsPage';
import { UndoRedo } from './features/history/UndoRedo';
import { usePageShortcuts } from './components/usePageShortcuts';
import { PageTabs } from './components/PageTabs';
import { AreasPage } from './features/areas/AreasPage';
import { NewWorkspaceDialog } from './features/areas/NewWorkspaceDialog';
import { BackupsDialog } from './features/backups/BackupsDialog';
import { ScorecardPage } from './features/scorecard/ScorecardPage';

// The charts (and chart.js) load when first opened: the dashboard does not wait for them.
const ChartsPage = lazy(() => import('./features/charts/ChartsPage').then((m) => ({ default: m.ChartsPage })));

/** The tabs' order, which Ctrl+1, Ctrl+2... follow (the native View menu lists the same). */
const PAGE_ORDER = ['dashboard', 'indicators', 'charts', 'import', 'actions', 'audit', 'areas', 'scorecard'] as const;
type Page = (typeof PAGE_ORDER)[number];
const PAGE_TABS: ReadonlyArray<{ value: Page; text: string }> = [
  { value: 'dashboard', text: 'Dashboard' },
  { value: 'indicators', text: 'Indicators' },
  { value: 'charts', text: 'Charts' },
  { value: 'import', text: 'Import' },
  { value: 'actions', text: 'Action log' },
  { value: 'audit', text: 'Audit' },
  { value: 'areas', text: 'Areas' },
  { value: 'scorecard', text: 'Scorecard' },
];

export function App() {
  const info = useApi('workspace.info', {});
  const [page, setPage] = useState<Page>('dashboard');
  usePageShortcuts(PAGE_ORDER, setPage);
  // A page opened from a control on the page it replaces (Import files on Start here, Ctrl+4 in
  // a field) takes that control with it: focus goes to the new page, so Tab starts there.
  const panel = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (document.activeElement === null || document.activeElement === document.body) panel.current?.focus();
  }, [page]);
  const [dropped, setDropped] = useState<File[] | null>(null);
  const [dragging, setDragging] = useState(false);
  const [creating, setCreating] = useState(false);
  const [backingUp, setBackingUp] = useState(false);
  // File > New workspace... (Ctrl+N) arrives as a command from the native menu.
  useEffect(() => {
    const onCommand = (e: Event) => {
      if ((e as CustomEvent<unknown>).detail === 'workspace:new') setCreating(true);
    };
    window.addEventListener('boardpack:command', onCommand);
    return () => window.removeEventListener('boardpack:command', onCommand);
  }, []);
  // Files dropped anywhere on the window open the import.
  const onDrop = (e: DragEvent) => {
    e.preventDefault();
    setDragging(false);
    const files = [...e.dataTransfer.files];
    if (files.length > 0) {
      setDropped(files);
      setPage('import');
    }
  };
  return (
    <div
      className={dragging ? 'app dragging' : 'app'}
      onDragOver={(e) => {
        if (e.dataTransfer.types.includes('Files')) {
          e.preventDefault();
          setDragging(true);
        }
      }}
      onDragLeave={() => setDragging(false)}
      onDrop={onDrop}
    >
      <header className="app-bar" role="banner">
        <Text as="h1" weight="semibold" size={500} className="app-name">
          Boardpack
        </Text>
        {info.data && (
          <span className="workspace-name" title={info.data.file ?? undefined}>
            {info.data.title}
            {info.data.isDemo && (
              <Badge appearance="tint" color="informative" className="demo-badge">
                Demo
              </Badge>
            )}
          </span>
        )}
        {info.data && (
          <Button appearance="subtle" className="new-workspace" onClick={() => setCreating(true)}>
            New workspace...
          </Button>
        )}
        {info.data?.file && (
          <Button appearance="subtle" className="backups" onClick={() => setBackingUp(true)}>
            Backups...
          </Button>
        )}
        {info.data && <UndoRedo />}
        {creating && <NewWorkspaceDialog info={info.data} onClose={() => setCreating(false)} />}
        {backingUp && <BackupsDialog onClose={() => setBackingUp(false)} onRestored={info.reload} />}
        {info.data?.save.error && (
          <MessageBar intent="error" className="save-error">
            <MessageBarBody>{info.data.save.error}</MessageBarBody>
          </MessageBar>
        )}
      </header>
      <main className="app-main">
        {info.loading && !info.data && <Spinner label="Opening the workspace..." />}
        {info.error && (
          <MessageBar intent="error">
            <MessageBarBody>{info.error}</MessageBarBody>
          </MessageBar>
        )}
        {info.data && (
          <>
            <PageTabs<Page> label="Pages" tabs={PAGE_TABS} selected={page} panelId="page-panel" onSelect={setPage} />
            <div id="page-panel" role="tabpanel" aria-labelledby={`tab-${page}`} tabIndex={-1} ref={panel}>
              {page === 'dashboard' && <DashboardPage info={info.data} />}
              {page === 'indicators' && <IndicatorsPage />}
              {page === 'charts' && (
                <Suspense fallback={<Spinner label="Loading the charts..." />}>
                  <ChartsPage />
                </Suspense>
              )}
              {page === 'import' && <ImportPage dropped={dropped} onChanged={info.reload} />}
              {page === 'actions' && <ActionLogPage />}
              {page === 'audit' && <AuditPage />}
              {page === 'areas' && <AreasPage />}
              {page === 'scorecard' && <ScorecardPage />}
            </div>
          </>
        )}
      </main>
    </div>
  );
}
