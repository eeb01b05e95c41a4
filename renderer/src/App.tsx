/** The app frame: workspace bar, a tab bar, then the dashboard or the charts. */
import { useState, type DragEvent } from 'react';
import { Badge, MessageBar, MessageBarBody, Spinner, Tab, TabList, Text } from '@fluentui/react-components';
import { useApi } from './api/useApi';
import { ChartsPage } from './features/charts/ChartsPage';
import { DashboardPage } from './features/dashboard/DashboardPage';
import { ImportPage } from './features/import/ImportPage';

type Page = 'dashboard' | 'charts' | 'import';

export function App() {
  const info = useApi('workspace.info', {});
  const [page, setPage] = useState<Page>('dashboard');
  const [dropped, setDropped] = useState<File[] | null>(null);
  const [dragging, setDragging] = useState(false);
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
            <TabList
              className="page-tabs"
              aria-label="Pages"
              selectedValue={page}
              onTabSelect={(_, d) => setPage(d.value as Page)}
            >
              <Tab value="dashboard" id="tab-dashboard" aria-controls="page-panel">
                Dashboard
              </Tab>
              <Tab value="charts" id="tab-charts" aria-controls="page-panel">
                Charts
              </Tab>
              <Tab value="import" id="tab-import" aria-controls="page-panel">
                Import
              </Tab>
            </TabList>
            <div id="page-panel" role="tabpanel" aria-labelledby={`tab-${page}`}>
              {page === 'dashboard' && <DashboardPage info={info.data} />}
              {page === 'charts' && <ChartsPage />}
              {page === 'import' && <ImportPage dropped={dropped} onChanged={info.reload} />}
            </div>
          </>
        )}
      </main>
    </div>
  );
}
