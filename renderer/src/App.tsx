/** The app frame: workspace bar, a tab bar, then the dashboard or the charts. */
import { useState } from 'react';
import { Badge, MessageBar, MessageBarBody, Spinner, Tab, TabList, Text } from '@fluentui/react-components';
import { useApi } from './api/useApi';
import { ChartsPage } from './features/charts/ChartsPage';
import { DashboardPage } from './features/dashboard/DashboardPage';

type Page = 'dashboard' | 'charts';

export function App() {
  const info = useApi('workspace.info', {});
  const [page, setPage] = useState<Page>('dashboard');
  return (
    <div className="app">
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
            </TabList>
            <div id="page-panel" role="tabpanel" aria-labelledby={`tab-${page}`}>
              {page === 'dashboard' ? <DashboardPage info={info.data} /> : <ChartsPage />}
            </div>
          </>
        )}
      </main>
    </div>
  );
}
