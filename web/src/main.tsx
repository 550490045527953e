import { ApolloProvider } from '@apollo/client/react';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { I18nextProvider } from 'react-i18next';
import { App } from './app/App';
import './app/app.css';
import { browserStorage, storedLanguage } from './app/language';
import { themeFromSearch } from './app/theme';
import { SessionProvider } from './domain/auth/SessionProvider';
import { AuthSession } from './domain/auth/session';
import { createApolloClient } from './graphql/client';
import { createI18n } from './i18n';

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');

function tabStorage(): Storage | undefined {
  try {
    return window.sessionStorage;
  } catch {
    return undefined;
  }
}

const auth = new AuthSession(tabStorage());
const client = createApolloClient(auth);
// Tests only: end-to-end tests drop the socket to check the live feed resumes.
window.__streetgridWs = client.ws;
const i18n = createI18n(storedLanguage(browserStorage()));

createRoot(root).render(
  <StrictMode>
    <I18nextProvider i18n={i18n}>
      <SessionProvider auth={auth} client={client}>
        <ApolloProvider client={client.apollo}>
          <App theme={themeFromSearch(window.location.search)} />
        </ApolloProvider>
      </SessionProvider>
    </I18nextProvider>
  </StrictMode>,
);
