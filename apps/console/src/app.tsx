import { Layout } from './layout';
import { useCurrentPath } from './router';
import { matchPath } from './route-match';
import { HOME, ROUTES } from './routes';
import { SignIn } from './screens/sign-in';
import { SessionProvider, useSession } from './session';
import { Page } from './ui/page';

function Screen() {
  const { session } = useSession();
  const current = useCurrentPath();
  if (!session) return <SignIn />;
  const path = current === '/' ? HOME : current;
  for (const route of ROUTES) {
    const params = matchPath(route.pattern, path);
    if (params) {
      return (
        <Layout section={route.section} path={path}>
          {route.render(params)}
        </Layout>
      );
    }
  }
  return (
    <Layout section="" path={path}>
      <Page title="Page not found">
        <p>The console has no page at {path}.</p>
      </Page>
    </Layout>
  );
}

export function App() {
  return (
    <SessionProvider>
      <Screen />
    </SessionProvider>
  );
}
