import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { loginErrorKey, signUpErrorKey, type AuthSession } from '../../domain/auth/session';

/** Sign-in: account and password, Enter submits, errors announced to screen readers; or sign-up with an invitation code. */
export function LoginScreen({ auth, onLanguage }: { auth: AuthSession; onLanguage: () => void }) {
  const [signingUp, setSigningUp] = useState(false);
  return signingUp ? (
    <SignUp auth={auth} onBack={() => setSigningUp(false)} />
  ) : (
    <SignIn auth={auth} onLanguage={onLanguage} onSignUp={() => setSigningUp(true)} />
  );
}

function SignIn({ auth, onLanguage, onSignUp }: { auth: AuthSession; onLanguage: () => void; onSignUp: () => void }) {
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
        <button type="button" className="button login__invite" onClick={onSignUp} data-action="sign-up">
          {t('auth.signUp.open')}
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

/**
 * 邀请码注册: the code a grid leader gave, and a login and password of the person's choosing
 * (the password typed twice); the account is made and signed in at once.
 */
function SignUp({ auth, onBack }: { auth: AuthSession; onBack: () => void }) {
  const { t } = useTranslation();
  const id = useId();
  const [code, setCode] = useState('');
  const [login, setLogin] = useState('');
  const [password, setPassword] = useState('');
  const [again, setAgain] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!code.trim() || !login.trim() || !password) {
      setError(t('auth.signUp.errors.missing'));
      return;
    }
    if (password !== again) {
      setError(t('auth.signUp.errors.mismatch'));
      return;
    }
    setBusy(true);
    setError(null);
    try {
      await auth.signUp({ code: code.trim(), login: login.trim(), password });
    } catch (caught) {
      setError(t(signUpErrorKey(caught), { message: caught instanceof Error ? caught.message : String(caught) }));
      setBusy(false);
    }
  };

  const field = (name: string, label: string, value: string, set: (v: string) => void, type = 'text', autoComplete = 'off') => (
    <>
      <label htmlFor={`${id}-${name}`}>{label}</label>
      <input
        id={`${id}-${name}`}
        name={name}
        type={type}
        className="input"
        autoComplete={autoComplete}
        value={value}
        onChange={(e) => set(e.target.value)}
        aria-invalid={error ? true : undefined}
      />
    </>
  );

  return (
    <main className="login">
      <form className="login__form" data-form="sign-up" onSubmit={(e) => void submit(e)} aria-labelledby={`${id}-title`} noValidate>
        <h1 id={`${id}-title`} className="login__title">
          {t('auth.signUp.title')}
        </h1>
        <p className="login__subtitle">{t('auth.signUp.hint')}</p>
        {field('code', t('auth.signUp.code'), code, setCode)}
        {field('new-login', t('auth.login'), login, setLogin, 'text', 'username')}
        {field('new-password', t('auth.password'), password, setPassword, 'password', 'new-password')}
        {field('again', t('auth.signUp.again'), again, setAgain, 'password', 'new-password')}
        {error && (
          <p className="login__error" role="alert">
            {error}
          </p>
        )}
        <button type="submit" className="button button--primary" disabled={busy} data-action="submit-sign-up">
          {busy ? t('auth.signUp.busy') : t('auth.signUp.submit')}
        </button>
        <button type="button" className="button" onClick={onBack}>
          {t('auth.signUp.back')}
        </button>
      </form>
    </main>
  );
}
