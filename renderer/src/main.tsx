import '@mantine/core/styles.css';
import './styles.css';
import { Alert, Button, Center, DirectionProvider, MantineProvider, Stack } from '@mantine/core';
import type { i18n as I18n } from 'i18next';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App.tsx';
import { applyDocumentLanguage, systemLanguage } from './i18n/dom.ts';
import { createI18n, directionOf } from './i18n/index.ts';
import { getClient } from './lib/api.ts';
import { describeError } from './lib/errors.ts';
import { theme } from './theme.ts';

const container = document.getElementById('root');
if (!container) throw new Error('renderer/index.html has no #root element');
const root = createRoot(container);

/**
 * Start-up: the preferences (language, theme) and the company profile are read before the first
 * render, so the first frame is already in the right language and direction, and a first start
 * opens on the company set-up without a flash of something else.
 */
async function boot(): Promise<void> {
  // Created first: browser mode's transport reads the #secret= from the URL before any routing.
  const client = getClient();
  try {
    const [preferences, company] = await Promise.all([
      client.call('app.getPreferences', {}),
      client.call('company.get', {}),
    ]);
    applyDocumentLanguage(preferences.language);
    const i18n = createI18n(preferences.language);
    root.render(
      <StrictMode>
        <App i18n={i18n} preferences={preferences} company={company} />
      </StrictMode>,
    );
  } catch (error) {
    const language = systemLanguage();
    applyDocumentLanguage(language);
    renderBootError(createI18n(language), error);
  }
}

/** The core could not be reached or refused (e.g. a database from a newer Kontor): say so, offer a retry. */
function renderBootError(i18n: I18n, error: unknown): void {
  root.render(
    <DirectionProvider initialDirection={directionOf(systemLanguage())}>
      <MantineProvider theme={theme} defaultColorScheme="auto">
        <Center mih="100vh" p="xl">
          <Stack maw={560}>
            <Alert color="red" title={i18n.t('app.bootFailed')} role="alert">
              {describeError(i18n, error)}
            </Alert>
            <Button onClick={() => window.location.reload()} variant="default" w="fit-content">
              {i18n.t('app.retry')}
            </Button>
          </Stack>
        </Center>
      </MantineProvider>
    </DirectionProvider>,
  );
}

void boot();
