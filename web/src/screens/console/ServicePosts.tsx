import { errorText } from '../../graphql/errors';
import { useApolloClient, useQuery } from '@apollo/client/react';
import { useCallback, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { postsLink } from '../../domain/party/postsLink';
import type { PartyServicePostKind } from '../../graphql/generated/graphql';
import { useRun } from '../../graphql/useRun';
import { explained } from './explain';
import {
  CREATE_SERVICE_POST,
  GRID_BY_CODE,
  REMOVE_SERVICE_POST,
  SERVICE_POSTS,
  UPDATE_SERVICE_POST,
  type ConsoleServicePost,
} from './operations';

const KINDS: PartyServicePostKind[] = ['RED_SQUARE_METRE', 'DISCUSSION_PAVILION', 'SERVICE_STATION', 'SERVICE_CENTRE', 'OTHER'];

/** 党群服务阵地: the party service posts (红色1平米, 议事亭, 党群服务站 …) — list, add, edit, remove. */
export function ServicePosts() {
  const { t } = useTranslation();
  const client = useApolloClient();
  const { data, loading, error, refetch } = useQuery(SERVICE_POSTS, { fetchPolicy: 'network-only' });
  const settle = useCallback(() => refetch(), [refetch]);
  const { busy, message, run } = useRun(settle);
  const [editing, setEditing] = useState<ConsoleServicePost | null>(null);
  const posts = data?.partyServicePosts ?? [];
  return (
    <div className="console__columns">
      <section className="services__section" data-list="service-posts">
        <h2 className="panel__title">{t('console.servicePosts', { n: posts.length })}</h2>
        {message && <p role="alert">{message}</p>}
        {loading && !data && <p>{t('lists.loading')}</p>}
        {error && !data && <p role="alert">{t('lists.error', { message: errorText(t, error) })}</p>}
        <table className="console__table">
          <thead>
            <tr>
              <th>{t('console.postName')}</th>
              <th>{t('console.postKind')}</th>
              <th>{t('console.grids')}</th>
              <th>{t('console.hours')}</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {posts.map((p) => (
              <tr key={p.id} data-post={p.name}>
                <td>{p.name}</td>
                <td>{t(`posts.kind.${p.kind as PartyServicePostKind}`)}</td>
                <td>
                  <a href={postsLink(p.gridCode)} target="_blank" rel="noreferrer">
                    {p.gridName}
                  </a>
                </td>
                <td>{p.hours}</td>
                <td>
                  <button type="button" className="button" disabled={busy} onClick={() => setEditing(p)} data-action="edit-post">
                    {t('console.editPost')}
                  </button>
                  <button
                    type="button"
                    className="button"
                    disabled={busy}
                    data-action="remove-post"
                    onClick={() => void run(() => explained(t, client.mutate({ mutation: REMOVE_SERVICE_POST, variables: { id: p.id } })))}
                  >
                    {t('console.removePost')}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
      <ServicePostForm key={editing?.id ?? 'new'} post={editing} busy={busy} run={run} onDone={() => setEditing(null)} />
    </div>
  );
}

function ServicePostForm({
  post,
  busy,
  run,
  onDone,
}: {
  post: ConsoleServicePost | null;
  busy: boolean;
  run: ReturnType<typeof useRun>['run'];
  onDone: () => void;
}) {
  const { t } = useTranslation();
  const client = useApolloClient();
  const [gridCode, setGridCode] = useState(post?.gridCode ?? '');
  const [name, setName] = useState(post?.name ?? '');
  const [kind, setKind] = useState<PartyServicePostKind>((post?.kind as PartyServicePostKind) ?? 'DISCUSSION_PAVILION');
  const [lng, setLng] = useState(post ? String(post.lng) : '');
  const [lat, setLat] = useState(post ? String(post.lat) : '');
  const [hours, setHours] = useState(post?.hours ?? '');
  const [address, setAddress] = useState(post?.address ?? '');
  const [phone, setPhone] = useState(post?.phone ?? '');

  const submit = (e: FormEvent) => {
    e.preventDefault();
    void run(async () => {
      const found = await client.query({ query: GRID_BY_CODE, variables: { code: gridCode.trim() }, fetchPolicy: 'network-only' });
      if (!found.data?.grid) throw new Error(t('console.noGrid', { code: gridCode.trim() }));
      const input = { gridId: found.data.grid.id, name, kind, lng: Number(lng), lat: Number(lat), hours, address, phone };
      if (post)
        await explained(t, client.mutate({ mutation: UPDATE_SERVICE_POST, variables: { id: post.id, version: post.version, input } }));
      else await explained(t, client.mutate({ mutation: CREATE_SERVICE_POST, variables: { input } }));
      onDone();
    });
  };

  return (
    <form className="services__section console__form" onSubmit={submit} data-form="service-post">
      <h2 className="panel__title">{post ? t('console.editingPost', { name: post.name }) : t('console.newPost')}</h2>
      <label>
        {t('console.gridCode')}{' '}
        <input required value={gridCode} onChange={(e) => setGridCode(e.target.value)} data-field="post-grid-code" />
      </label>
      <label>
        {t('console.postName')} <input required value={name} onChange={(e) => setName(e.target.value)} data-field="post-name" />
      </label>
      <label>
        {t('console.postKind')}{' '}
        <select value={kind} onChange={(e) => setKind(e.target.value as PartyServicePostKind)} data-field="post-kind">
          {KINDS.map((k) => (
            <option key={k} value={k}>
              {t(`posts.kind.${k}`)}
            </option>
          ))}
        </select>
      </label>
      <label>
        {t('console.lng')} <input required inputMode="decimal" value={lng} onChange={(e) => setLng(e.target.value)} data-field="post-lng" />
      </label>
      <label>
        {t('console.lat')} <input required inputMode="decimal" value={lat} onChange={(e) => setLat(e.target.value)} data-field="post-lat" />
      </label>
      <label>
        {t('console.hours')} <input required value={hours} onChange={(e) => setHours(e.target.value)} data-field="post-hours" />
      </label>
      <label>
        {t('console.address')} <input value={address} onChange={(e) => setAddress(e.target.value)} data-field="post-address" />
      </label>
      <label>
        {t('console.phone')} <input value={phone} onChange={(e) => setPhone(e.target.value)} data-field="post-phone" />
      </label>
      <button type="submit" className="button" disabled={busy} data-action="save-post">
        {t('console.savePost')}
      </button>
      {post && (
        <button type="button" className="button" onClick={onDone}>
          {t('console.cancel')}
        </button>
      )}
    </form>
  );
}
