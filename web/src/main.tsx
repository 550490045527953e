import { ApolloProvider } from '@apollo/client/react';
import 'maplibre-gl/dist/maplibre-gl.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { I18nextProvider } from 'react-i18next';
import { App } from './app/App';
import './app/app.css';
import { browserStorage, storedLanguage } from './app/language';
import { themeFromSearch } from './app/theme';
import { createApolloClient } from './graphql/client';
import { createI18n } from './i18n';

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');

const client = createApolloClient();
const i18n = createI18n(storedLanguage(browserStorage()));

createRoot(root).render(
  <StrictMode>
    <I18nextProvider i18n={i18n}>
      <ApolloProvider client={client}>
        <App theme={themeFromSearch(window.location.search)} />
      </ApolloProvider>
    </I18nextProvider>
  </StrictMode>,
);
