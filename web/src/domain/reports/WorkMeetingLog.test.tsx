import { ApolloClient, ApolloLink, InMemoryCache } from '@apollo/client';
import { ApolloProvider } from '@apollo/client/react';
import { renderToStaticMarkup } from 'react-dom/server';
import { I18nextProvider } from 'react-i18next';
import { MeetingCommunitiesDocument, WorkMeetingsDocument } from '../../graphql/generated/graphql';
import { createI18n } from '../../i18n';
import { WorkMeetingLog } from './WorkMeetingLog';

/** The meeting log of 东风社区 at `now`, its month's meetings already in the cache (none). */
function renderAt(now: string, month: string): string {
  jest.setSystemTime(new Date(now));
  const cache = new InMemoryCache();
  cache.writeQuery({
    query: MeetingCommunitiesDocument,
    data: { grids: { nodes: [{ id: 'l1', name: '东风社区' }] } },
  });
  cache.writeQuery({ query: WorkMeetingsDocument, variables: { month, communityId: 'l1' }, data: { workMeetings: [] } });
  const client = new ApolloClient({ cache, link: ApolloLink.empty() });
  return renderToStaticMarkup(
    <ApolloProvider client={client}>
      <I18nextProvider i18n={createI18n('zh-CN')}>
        <WorkMeetingLog />
      </I18nextProvider>
    </ApolloProvider>,
  );
}

const heldOn = (html: string) => /<input[^>]*name="meeting-heldOn"[^>]*>/.exec(html)?.[0].match(/value="([^"]*)"/)?.[1];

describe('work meeting log: the day a new meeting is held on', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it('is today in Beijing: at 01:30 Beijing time (17:30 UTC the day before) it is the Beijing day', () => {
    expect(heldOn(renderAt('2026-02-28T17:30:00.000Z', '2026-03'))).toBe('2026-03-01');
  });

  it('changes day at Beijing midnight (16:00 UTC), not at UTC midnight', () => {
    expect(heldOn(renderAt('2026-02-28T15:59:59.000Z', '2026-02'))).toBe('2026-02-28');
    expect(heldOn(renderAt('2026-02-28T16:00:00.000Z', '2026-03'))).toBe('2026-03-01');
  });
});
