import { renderToStaticMarkup } from 'react-dom/server';
import { I18nextProvider } from 'react-i18next';
import { createI18n, type Language } from '../../i18n';
import { LoginScreen } from './LoginScreen';
import { AuthSession } from '../../domain/auth/session';

function render(node: React.ReactNode, language: Language): string {
  return renderToStaticMarkup(<I18nextProvider i18n={createI18n(language)}>{node}</I18nextProvider>);
}

function text(html: string): string {
  return html.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');
}

describe('LoginScreen', () => {
  it('has labelled account and password fields and a submit button, in both languages', () => {
    const auth = new AuthSession(undefined, (async () => new Response('{}')) as typeof fetch);
    for (const [language, words] of [
      ['zh-CN', ['账号', '密码', '登录']],
      ['en', ['Account', 'Password', 'Sign in']],
    ] as const) {
      const html = render(<LoginScreen auth={auth} onLanguage={() => undefined} />, language);
      for (const word of words) expect(text(html)).toContain(word);
      expect(html).toMatch(/<label for="([^"]+)-login">[\s\S]*<input id="\1-login"/);
      expect(html).toMatch(/<input id="[^"]+-password" type="password"/);
      expect(html).toMatch(/<button type="submit"/);
    }
  });
});
