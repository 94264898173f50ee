import {
  Button,
  FluentProvider,
  Tab,
  TabList,
  Text,
  teamsDarkTheme,
  teamsHighContrastTheme,
  teamsLightTheme,
  tokens,
} from '@fluentui/react-components';
import { useEffect, useState } from 'react';
import { setIdentity } from './api';
import { SignIn } from './SignIn';
import { framed } from './start/framed';
import { forgetLocalIdentity, storedLocalIdentity } from './start/localIdentity';
import { connectToTeams, type TeamsHost, type TeamsTheme } from './teams';
import Agenda from './screens/Agenda';
import Home from './screens/Home';
import { later, Loading, Outcome, useRead } from './ui';

// The two screens people land on (a clerk's agenda, everyone else's meetings) come with the page;
// the others load when first opened. The committee editor's shared zod schemas alone cost ~100 ms
// to build at start-up.
const Actions = later(() => import('./screens/Actions'));
const Calendar = later(() => import('./screens/Calendar'));
const CommitteeScreen = later(() => import('./screens/Committee'));
const Configure = later(() => import('./screens/Configure'));
const Minutes = later(() => import('./screens/Minutes'));
const Responses = later(() => import('./screens/Responses'));
const Roll = later(() => import('./screens/Roll'));
const MeetingPanel = later(() => import('./screens/MeetingPanel'));
export interface Me {
  name: string | null;
  aadObjectId: string | null;
  tenantClerk: boolean;
  mode: 'local' | 'production';
  committees: { id: string; name: string; shortName: string; personId: string; roles: string[] }[];
}

/** Outside Teams: the person chosen in the local picker, if there is one. */
function signInLocally(): boolean {
  const local = storedLocalIdentity();
  if (local) setIdentity({ kind: 'local', aadObjectId: local });
  return !!local;
}

const THEMES = { default: teamsLightTheme, dark: teamsDarkTheme, contrast: teamsHighContrastTheme };

/** "#/c/lscsb/agenda/lscsb-2026-12-04" → the parts; the address is the page's state, so links work. */
function useRoute(): string[] {
  const parse = () => window.location.hash.replace(/^#\/?/, '').split('/').filter(Boolean).map(decodeURIComponent);
  const [route, setRoute] = useState(parse);
  useEffect(() => {
    const on = () => setRoute(parse());
    window.addEventListener('hashchange', on);
    return () => window.removeEventListener('hashchange', on);
  }, []);
  return route;
}

export const go = (...parts: string[]) => {
  window.location.hash = `#/${parts.map(encodeURIComponent).join('/')}`;
};

const CLERK_SCREENS = [
  ['agenda', 'Agenda'],
  ['minutes', 'Minutes'],
  ['actions', 'Action log'],
  ['responses', 'Apologies and attendance'],
  ['calendar', 'Calendar'],
  ['committee', 'Committee'],
] as const;

export function App() {
  // A top-level page is not in Teams: no need to wait for teams-js to say so.
  const [host, setHost] = useState<TeamsHost | null | undefined>(() => (framed() ? undefined : null));
  const [theme, setTheme] = useState<TeamsTheme>('default');
  const [signedIn, setSignedIn] = useState(() => !framed() && signInLocally());
  const who = useRead<Me>(signedIn ? 'me' : undefined);
  const me = who.data;
  const route = useRoute();

  useEffect(() => {
    if (!framed()) return;
    void connectToTeams().then((h) => {
      setHost(h ?? null);
      if (h) {
        setTheme(h.theme);
        h.onTheme(setTheme);
        setIdentity({ kind: 'token', token: h.token });
        setSignedIn(true);
        if (h.entityId && !window.location.hash)
          window.location.hash = h.entityId === 'meeting' ? '#/meeting' : `#/c/${encodeURIComponent(h.entityId)}`;
      } else setSignedIn(signInLocally());
    });
  }, []);

  const body = (() => {
    if (host === undefined) return <Loading label="Opening Quorum…" />;
    if (!signedIn)
      return (
        <SignIn
          onChosen={(aad) => {
            setIdentity({ kind: 'local', aadObjectId: aad });
            setSignedIn(true);
          }}
        />
      );
    if (who.error) return <Outcome error={who.error} />;
    if (!me) return <Loading />;
    if (host?.frameContext === 'settings' || route[0] === 'configure')
      return <Configure me={me} inMeeting={Boolean(host?.chatId)} />;
    // The meeting side panel: the roll call of the Teams meeting it is open in.
    if (route[0] === 'meeting') return <MeetingPanel chatId={host?.chatId} />;
    // The live roll call (the card's "Open the roll call", and the meeting side panel).
    if (route[0] === 'roll' && route[1]) return <Roll meetingId={route[1]} />;
    if (route[0] === 'new')
      return (
        <CommitteeScreen
          me={me}
          committeeId={undefined}
          onSaved={(id) => {
            // The new committee is one of the caller's now: ask again who they are, and open it.
            who.reload();
            go('c', id, 'committee');
          }}
        />
      );
    if (route[0] === 'c' && route[1]) {
      const committee = me.committees.find((c) => c.id === route[1]);
      if (!committee)
        return who.loading ? (
          <Loading />
        ) : (
          <Outcome error={new Error('You are not on that committee, so Quorum cannot show it to you.')} />
        );
      if (!committee.roles.includes('clerk')) return <Home me={me} committeeId={committee.id} />;
      const screen = route[2] ?? 'agenda';
      const meetingId = route[3];
      return (
        <div style={{ display: 'grid', gap: 16 }}>
          <div>
            <h1 style={{ margin: '0 0 4px', fontSize: 24, fontWeight: 600 }}>{committee.name}</h1>
            <TabList
              selectedValue={screen}
              onTabSelect={(_, d) => go('c', committee.id, String(d.value))}
              aria-label="The clerk's screens"
            >
              {CLERK_SCREENS.map(([key, label]) => (
                <Tab key={key} value={key}>
                  {label}
                </Tab>
              ))}
              <Tab value="mine">My meetings</Tab>
            </TabList>
          </div>
          {screen === 'agenda' && <Agenda committeeId={committee.id} meetingId={meetingId} />}
          {screen === 'minutes' && <Minutes committeeId={committee.id} meetingId={meetingId} />}
          {screen === 'actions' && <Actions committeeId={committee.id} />}
          {screen === 'responses' && <Responses committeeId={committee.id} meetingId={meetingId} />}
          {screen === 'calendar' && <Calendar committeeId={committee.id} />}
          {screen === 'committee' && <CommitteeScreen me={me} committeeId={committee.id} onSaved={() => undefined} />}
          {screen === 'mine' && <Home me={me} committeeId={committee.id} />}
        </div>
      );
    }
    return <Home me={me} />;
  })();

  return (
    <FluentProvider theme={THEMES[theme]} style={{ minHeight: '100%', background: tokens.colorNeutralBackground2 }}>
      <header
        style={{
          display: 'flex',
          alignItems: 'center',
          gap: 16,
          padding: '8px 20px',
          background: tokens.colorNeutralBackground1,
          borderBottom: `1px solid ${tokens.colorNeutralStroke2}`,
          flexWrap: 'wrap',
        }}
      >
        <Button appearance="transparent" onClick={() => go()} style={{ fontWeight: 700, fontSize: 18 }}>
          Quorum
        </Button>
        <nav aria-label="Committees" style={{ display: 'flex', gap: 4, flexWrap: 'wrap' }}>
          {me?.committees.map((c) => (
            <Button key={c.id} appearance={route[1] === c.id ? 'primary' : 'subtle'} onClick={() => go('c', c.id)}>
              {c.shortName}
            </Button>
          ))}
          {me?.tenantClerk && (
            <Button appearance="subtle" onClick={() => go('new')}>
              New committee
            </Button>
          )}
        </nav>
        <span style={{ flex: 1 }} />
        {me && <Text>{me.name ?? 'Not on any committee'}</Text>}
        {host === null && signedIn && (
          <Button
            appearance="secondary"
            onClick={() => {
              forgetLocalIdentity();
              setIdentity(undefined);
              setSignedIn(false);
            }}
          >
            Switch person
          </Button>
        )}
      </header>
      <main style={{ padding: 20, maxWidth: 1280, margin: '0 auto' }}>{body}</main>
    </FluentProvider>
  );
}
