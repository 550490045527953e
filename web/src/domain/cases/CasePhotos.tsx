import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSession } from '../auth/SessionProvider';
import { authFetch } from '../auth/session';

/**
 * Thumbnails of a case's photos. `/photos/<hash>` needs the bearer token, which an `<img>`
 * cannot send, so each photo is fetched with it and shown from a blob: URL (a click opens it full size). `base`: where the
 * photos are served (a project's progress photos at `/project-photos`).
 */
export function CasePhotos({ hashes, base = '/photos' }: { hashes: readonly string[]; base?: string }) {
  const { t } = useTranslation();
  const { auth } = useSession();
  const [urls, setUrls] = useState<Record<string, string | null>>({});
  // Refetches answer equal arrays that are new objects: fetch again only when the hashes change.
  const key = hashes.join(',');

  useEffect(() => {
    const made: string[] = [];
    let cancelled = false;
    const get = authFetch(auth);
    for (const hash of key ? key.split(',') : []) {
      void get(`${base}/${hash}`)
        .then(async (res) => (res.ok ? URL.createObjectURL(await res.blob()) : null))
        .catch(() => null)
        .then((url) => {
          if (url) made.push(url);
          if (cancelled) {
            if (url) URL.revokeObjectURL(url);
          } else setUrls((u) => ({ ...u, [hash]: url }));
        });
    }
    return () => {
      cancelled = true;
      for (const url of made) URL.revokeObjectURL(url);
    };
  }, [auth, key, base]);

  if (!hashes.length) return null;
  return (
    <ul className="case-photos" aria-label={t('case.photos')}>
      {hashes.map((hash, i) => {
        const url = urls[hash];
        return (
          <li key={hash} className="case-photos__item" data-photo={hash}>
            {url ? (
              <a href={url} target="_blank" rel="noreferrer">
                <img className="case-photos__thumb" src={url} alt={t('case.photo', { n: i + 1 })} />
              </a>
            ) : (
              <span className="case-photos__placeholder">{url === null ? t('case.photoMissing') : t('case.loading')}</span>
            )}
          </li>
        );
      })}
    </ul>
  );
}
