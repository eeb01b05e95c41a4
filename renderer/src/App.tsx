/** The app frame: workspace bar, then the dashboard for the chosen reporting period. */
import { Badge, MessageBar, MessageBarBody, Spinner, Text } from '@fluentui/react-components';
import { useApi } from './api/useApi';
import { DashboardPage } from './features/dashboard/DashboardPage';

export function App() {
  const info = useApi('workspace.info', {});
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
        {info.data && <DashboardPage info={info.data} />}
      </main>
    </div>
  );
}
