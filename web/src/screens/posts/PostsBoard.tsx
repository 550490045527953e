import { useQuery } from '@apollo/client/react';
import QRCode from 'qrcode';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { postsLink } from '../../domain/party/postsLink';
import type { GridLevel, LeaderRole, PartyOrgLevel, PartyServicePostKind } from '../../graphql/generated/graphql';
import { POSTS_BOARD_QUERY, type Board } from './operations';
import type { PostsRequest } from './posts';
import './posts.css';

/**
 * 岗位公示 — the public posts board of a community, compound or building grid, no sign-in
 * needed: who serves it (grid leaders and party secretaries, their duties and a phone only
 * where they agreed to publish it, else an office number), central households, the party
 * service posts with their hours, links up and down the grid chain, and a QR code of the
 * page. Printed, it is an A4 poster for the stairwell notice board.
 */
export function PostsBoard({ request, onLanguage }: { request: PostsRequest; onLanguage: () => void }) {
  const { t } = useTranslation();
  const { data, loading, error } = useQuery(POSTS_BOARD_QUERY, { variables: { code: request.code ?? '' }, skip: !request.code });
  const board = data?.postsBoard;
  let body;
  if (!request.code) body = <p role="alert">{t('posts.badCode')}</p>;
  else if (loading) body = <p>{t('posts.loading')}</p>;
  else if (error || !board)
    body = (
      <p role="alert">{error?.message.includes('no grid has the code') ? t('posts.unknown', { code: request.code }) : t('posts.failed')}</p>
    );
  else body = <BoardBody board={board} />;
  return (
    <main className="posts" data-screen="posts" data-code={board?.grid.code}>
      <div className="posts__actions posts__screen-only">
        {board && (
          <button type="button" className="button" onClick={() => window.print()} data-action="print">
            {t('posts.print')}
          </button>
        )}
        <button type="button" className="button" onClick={onLanguage} aria-label={t('language.switchLabel')}>
          {t('language.switchTo')}
        </button>
      </div>
      {body}
    </main>
  );
}

function BoardBody({ board }: { board: Board }) {
  const { t } = useTranslation();
  const { grid } = board;
  return (
    <article className="posts__sheet">
      <header className="posts__header">
        <div>
          <p className="posts__kicker">
            {board.streetName} · {t(`posts.unit.${grid.level as GridLevel}`)}
          </p>
          <h1 className="posts__title">{t('posts.titleOf', { name: grid.name })}</h1>
          <p className="posts__subtitle">{t('posts.subtitle')}</p>
          {board.up.length > 0 && (
            <nav className="posts__chain" aria-label={t('posts.up')}>
              {board.up.map((g) => (
                <a key={g.code} href={postsLink(g.code)} data-up={g.code}>
                  {g.name}
                </a>
              ))}
              <span aria-current="page">{grid.name}</span>
            </nav>
          )}
        </div>
        <QrCode path={postsLink(grid.code)} />
      </header>

      <section className="posts__section" aria-label={t('posts.organizations')}>
        <h2>{t('posts.organizations')}</h2>
        {board.organizations.length === 0 ? (
          <p>{t('posts.noOrganization')}</p>
        ) : (
          <ul className="posts__cards">
            {board.organizations.map((o) => (
              <li key={`${o.level}:${o.name}`} className="posts__card" data-org={o.level}>
                <p className="posts__role">{t(`posts.orgLevel.${o.level as PartyOrgLevel}`)}</p>
                <p className="posts__name">{o.name}</p>
                {o.secretaryName && <Person label={t('posts.secretary')} name={o.secretaryName} contact={o.secretaryContact} />}
                {o.deputySecretaryName && <Person label={t('posts.deputy')} name={o.deputySecretaryName} contact={o.deputyContact} />}
                {o.officePhone && <Phone label={t('posts.office')} value={o.officePhone} />}
              </li>
            ))}
          </ul>
        )}
      </section>

      <section className="posts__section" aria-label={t('posts.leaders')}>
        <h2>{t('posts.leaders')}</h2>
        {board.leaders.length === 0 ? (
          <p>{t('posts.noLeaders')}</p>
        ) : (
          <ul className="posts__cards">
            {board.leaders.map((l) => (
              <li key={`${l.gridCode}:${l.role}:${l.name}:${l.since}`} className="posts__card" data-leader={l.role} data-grid={l.gridCode}>
                <p className="posts__role">
                  {l.role === 'LEADER'
                    ? t(`posts.leaderOf.${l.gridLevel as GridLevel}`)
                    : `${t(`level.${l.gridLevel as GridLevel}`)} · ${t(`leaderRole.${l.role as LeaderRole}`)}`}
                </p>
                <p className="posts__name" data-name>
                  {l.name}
                </p>
                <p className="posts__duties">{l.duties ?? t(defaultDuties(l.gridLevel as GridLevel, l.role as LeaderRole))}</p>
                {l.contact && <Phone label={t('posts.contact')} value={l.contact} />}
                {l.officePhone && <Phone label={t('posts.office')} value={l.officePhone} />}
              </li>
            ))}
          </ul>
        )}
      </section>

      {board.centralHouseholds.length > 0 && (
        <section className="posts__section" aria-label={t('posts.centralHouseholds')}>
          <h2>{t('posts.centralHouseholds')}</h2>
          <ul className="posts__cards">
            {board.centralHouseholds.map((c) => (
              <li key={`${c.buildingName}:${c.name}`} className="posts__card" data-central>
                <p className="posts__name">{c.name}</p>
                {c.buildingName && <p>{c.buildingName}</p>}
                {c.secretaryName && <Person label={t('posts.householder')} name={c.secretaryName} contact={c.secretaryContact} />}
              </li>
            ))}
          </ul>
        </section>
      )}

      <section className="posts__section" aria-label={t('posts.servicePosts')}>
        <h2>{t('posts.servicePosts')}</h2>
        {board.servicePosts.length === 0 ? (
          <p>{t('posts.noServicePosts')}</p>
        ) : (
          <ul className="posts__cards">
            {board.servicePosts.map((p) => (
              <li key={p.id} className="posts__card" data-service-post={p.kind}>
                <p className="posts__role">{t(`posts.kind.${p.kind as PartyServicePostKind}`)}</p>
                <p className="posts__name">{p.name}</p>
                <p>{t('posts.hours', { hours: p.hours })}</p>
                <p>{p.address ?? p.gridName}</p>
                {p.phone && <Phone label={t('posts.phone')} value={p.phone} />}
              </li>
            ))}
          </ul>
        )}
      </section>

      {board.notices.length > 0 && (
        <section className="posts__section" aria-label={t('publicity.boardNotices')} data-board="notices">
          <h2>{t('publicity.boardNotices')}</h2>
          <ul className="posts__cards">
            {board.notices.map((n) => (
              <li key={n.id} className="posts__card" data-notice-id={n.id}>
                <p className="posts__name">{n.title}</p>
                <p>{n.body}</p>
                <p className="posts__role">{n.gridName}</p>
              </li>
            ))}
          </ul>
        </section>
      )}

      {board.covenant && (
        <section className="posts__section" aria-label={t('publicity.covenant')} data-board="covenant">
          <h2>
            {board.covenant.title}（{t('publicity.covenantVersion', { version: board.covenant.version })}）
          </h2>
          <p className="publicity__covenant" style={{ whiteSpace: 'pre-wrap' }}>
            {board.covenant.body}
          </p>
        </section>
      )}

      {board.deeds.length > 0 && (
        <section className="posts__section" aria-label={t('publicity.boardDeeds')} data-board="deeds">
          <h2>{t('publicity.boardDeeds')}</h2>
          <ul className="posts__cards">
            {board.deeds.map((d) => (
              <li key={d.id} className="posts__card">
                <p className="posts__role">{t(`publicity.personKind.${d.personKind}`)}</p>
                <p className="posts__name">
                  {d.personName}：{d.title}
                </p>
                <p>{d.story}</p>
              </li>
            ))}
          </ul>
        </section>
      )}

      {board.down.length > 0 && (
        <nav className="posts__section posts__screen-only" aria-label={t('posts.down')}>
          <h2>{t('posts.down')}</h2>
          <ul className="posts__links">
            {board.down.map((g) => (
              <li key={g.code}>
                <a href={postsLink(g.code)} data-down={g.code}>
                  {g.name}
                </a>
              </li>
            ))}
          </ul>
        </nav>
      )}
      <footer className="posts__footer">{t('posts.consentNote')}</footer>
    </article>
  );
}

/** The catalogue's duties of a post, where the appointment names none: a leader's by their grid's level, else by role. */
function defaultDuties(level: GridLevel, role: LeaderRole): 'posts.duties.LARGE' {
  // One literal key type for the built key: the union of every duty key is too deep for the typed `t`.
  return (role === 'LEADER' ? `posts.duties.${level}` : `posts.duties.${role}`) as 'posts.duties.LARGE';
}

function Person({ label, name, contact }: { label: string; name: string; contact: string | null | undefined }) {
  const { t } = useTranslation();
  return (
    <p>
      {label}：{name}
      {contact && (
        <>
          {' · '}
          {t('posts.contact')} <a href={`tel:${contact.replace(/[^\d+]/g, '')}`}>{contact}</a>
        </>
      )}
    </p>
  );
}

function Phone({ label, value }: { label: string; value: string }) {
  return (
    <p className="posts__phone">
      {label}：<a href={`tel:${value.replace(/[^\d+]/g, '')}`}>{value}</a>
    </p>
  );
}

/** The page's own address as a QR code (a PNG made in the browser by `qrcode`), with the address printed under it. */
function QrCode({ path }: { path: string }) {
  const { t } = useTranslation();
  const url = `${window.location.origin}${path}`;
  const [src, setSrc] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    QRCode.toDataURL(url, { errorCorrectionLevel: 'M', margin: 1, width: 320 })
      .then((made) => live && setSrc(made))
      .catch(() => live && setSrc(null));
    return () => {
      live = false;
    };
  }, [url]);
  return (
    <figure className="posts__qr">
      {src ? <img src={src} alt={t('posts.qrAlt')} width={160} height={160} data-qr={url} /> : <span className="posts__qr-blank" />}
      <figcaption>
        {t('posts.scan')}
        <br />
        <span className="posts__url">{url}</span>
      </figcaption>
    </figure>
  );
}
