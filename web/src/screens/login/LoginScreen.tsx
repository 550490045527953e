import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { loginErrorKey, type AuthSession } from '../../domain/auth/session';

/** Sign-in: account and password, Enter submits, errors announced to screen readers. */
export function LoginScreen({ auth, onLanguage }: { auth: AuthSession; onLanguage: () => void }) {
  const { t } = useTranslation();
  const id = useId();
  const [login, setLogin] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!login.trim() || !password) {
      setError(t('auth.errors.missing'));
      return;
    }
    setBusy(true);
    setError(null);
    try {
      await auth.login(login.trim(), password);
    } catch (caught) {
      setError(t(loginErrorKey(caught), { message: caught instanceof Error ? caught.message : String(caught) }));
      setBusy(false);
    }
  };

  return (
    <main className="login">
      <form className="login__form" onSubmit={(e) => void submit(e)} aria-labelledby={`${id}-title`} noValidate>
        <p className="login__subtitle">{t('auth.subtitle')}</p>
        <h1 id={`${id}-title`} className="login__title">
          {t('auth.title')}
        </h1>
        <label htmlFor={`${id}-login`}>{t('auth.login')}</label>
        <input
          id={`${id}-login`}
          name="login"
          className="input"
          autoComplete="username"
          autoFocus
          value={login}
          onChange={(e) => setLogin(e.target.value)}
          aria-invalid={error ? true : undefined}
        />
        <label htmlFor={`${id}-password`}>{t('auth.password')}</label>
        <input
          id={`${id}-password`}
          name="password"
          type="password"
          className="input"
          autoComplete="current-password"
          value={password}
          onChange={(e) => setPassword(e.target.value)}
          aria-invalid={error ? true : undefined}
        />
        {error && (
          <p className="login__error" role="alert">
            {error}
          </p>
        )}
        <button type="submit" className="button button--primary" disabled={busy}>
          {busy ? t('auth.signingIn') : t('auth.submit')}
        </button>
        <a className="login__echo" href="/echo">
          {t('echo.link')}
        </a>
        <button type="button" className="button login__language" onClick={onLanguage} aria-label={t('language.switchLabel')}>
          {t('language.switchTo')}
        </button>
      </form>
    </main>
  );
}
