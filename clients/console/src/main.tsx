/**
 * The engineers' console: sign in with an API key (kept in session storage, sent as a bearer token),
 * GET /v1/me for the role, then the inbox, the contract list or one contract, by the URL hash.
 */
import { render } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import type { MeResponse } from '../../sdk/api-contract';
import { api, ProblemError, session } from './api';
import { ContractPage } from './contract';
import { ContractList } from './contracts';
import { dictionary, type Dict, type Lang } from './i18n';
import { Inbox, textOf } from './inbox';
import { useRoute } from './route';
import { z } from 'zod';

// The page's Content-Security-Policy forbids eval: zod must not even probe for it (the probe would
// be reported as a violation), so its parsers run without code generation.
z.config({ jitless: true });

/** The language: `?lang=` first, then the one chosen before (localStorage), else Chinese. */
const STORE = 'console.lang';

function initialLang(): Lang {
  const fromUrl = new URLSearchParams(location.search).get('lang');
  const chosen = fromUrl ?? localStorage.getItem(STORE);
  return chosen === 'en' ? 'en' : 'zh-CN';
}

function saveLang(lang: Lang): void {
  localStorage.setItem(STORE, lang);
  document.documentElement.lang = lang;
  // A `?lang=` in the address would win over the new choice at the next load: keep it in step.
  const url = new URL(location.href);
  if (url.searchParams.has('lang') && url.searchParams.get('lang') !== lang) {
    url.searchParams.set('lang', lang);
    history.replaceState(history.state, '', url);
  }
}

function SignIn({ dict, onSignedIn }: { dict: Dict; onSignedIn: (me: MeResponse) => void }) {
  const [error, setError] = useState<string | null>(null);
  const submit = async (e: Event) => {
    e.preventDefault();
    const key = textOf(new FormData(e.currentTarget as HTMLFormElement).get('key'));
    session.signIn(key);
    try {
      onSignedIn(await api.me());
    } catch (err) {
      session.signOut();
      setError(err instanceof ProblemError ? (err.problem.detail ?? err.problem.title) : String(err));
    }
  };
  return (
    <form class="sign-in" onSubmit={(e) => void submit(e)}>
      <h2>{dict.t('signIn')}</h2>
      <div class="field">
        <label for="api-key">{dict.t('apiKey')}</label>
        <input
          id="api-key"
          name="key"
          type="password"
          autoComplete="off"
          required
          aria-describedby="api-key-help"
        />
        <small id="api-key-help" class="help">
          {dict.t('apiKeyHelp')}
        </small>
      </div>
      {error && (
        <p class="problem" role="alert">
          {dict.t('signInFailed')}: {error}
        </p>
      )}
      <button type="submit">{dict.t('signIn')}</button>
    </form>
  );
}

function App() {
  const [lang, setLang] = useState<Lang>(initialLang);
  const [me, setMe] = useState<MeResponse | null>(null);
  const [checked, setChecked] = useState(false);
  const route = useRoute();
  const dict = dictionary(lang);
  useEffect(() => saveLang(lang), [lang]);
  useEffect(() => {
    if (!session.key()) return setChecked(true);
    api.me().then(
      (m) => (setMe(m), setChecked(true)),
      () => (session.signOut(), setChecked(true)),
    );
  }, []);

  const signOut = () => {
    session.signOut();
    setMe(null);
  };
  const mayInbox = me !== null && me.parties.length > 0;
  let page;
  if (!checked) page = <p>{dict.t('loading')}</p>;
  else if (!me) page = <SignIn dict={dict} onSignedIn={setMe} />;
  else if (route.path.startsWith('/contract/')) {
    const no = decodeURIComponent(route.path.slice('/contract/'.length));
    page = <ContractPage key={no} dict={dict} me={me} contractNo={no} params={route.params} />;
  } else if (route.path === '/contracts' || !mayInbox) page = <ContractList dict={dict} />;
  else page = <Inbox dict={dict} me={me} params={route.params} />;

  return (
    <>
      <header>
        <h1>{dict.t('title')}</h1>
        <nav aria-label={dict.t('title')}>
          {mayInbox && <a href="#/inbox">{dict.t('inbox')}</a>}
          {me && <a href="#/contracts">{dict.t('contracts')}</a>}
        </nav>
        <div class="who">
          {me && (
            <span data-testid="me">
              {me.keyId} · {dict.t('role')}: {me.role}
              {!me.mayAct && <strong class="cannot-act"> · {dict.t('cannotAct')}</strong>}
            </span>
          )}
          <button
            type="button"
            lang={lang === 'en' ? 'zh-CN' : 'en'}
            onClick={() => setLang(lang === 'en' ? 'zh-CN' : 'en')}
          >
            {dict.t('language')}
          </button>
          {me && (
            <button type="button" onClick={signOut}>
              {dict.t('signOut')}
            </button>
          )}
        </div>
      </header>
      <main>{page}</main>
    </>
  );
}

render(<App />, document.getElementById('root')!);
