import { Button, Card, Text } from '@fluentui/react-components';
import { get } from './api';
import { Loading, Outcome, Section, useLoad } from './ui';

const KEY = 'quorum.as';

/** The person chosen on this machine: `?as=<Entra object id>` in the address, or the last choice. */
export function storedLocalIdentity(): string | undefined {
  const asked = new URLSearchParams(window.location.search).get('as');
  if (asked) sessionStorage.setItem(KEY, asked);
  return sessionStorage.getItem(KEY) ?? undefined;
}

/**
 * On the local stack only (production signs people in through Teams): be anyone in the demo, to try
 * Quorum as the clerk, the Chairman, an officer or a member.
 */
export function SignIn({ onChosen }: { onChosen: (aadObjectId: string) => void }) {
  const people = useLoad(() => get<{ aadObjectId: string; name: string; roles: string[] }[]>('local/people'), []);
  return (
    <Section title="Who are you?">
      <Text>
        This is Quorum on your own machine. In Teams you are signed in with your own account; here, choose a person from
        the demo to see Quorum as they do.
      </Text>
      {people.loading && <Loading />}
      <Outcome error={people.error} />
      <div style={{ display: 'grid', gap: 8, gridTemplateColumns: 'repeat(auto-fill, minmax(260px, 1fr))' }}>
        {people.data?.map((p) => (
          <Card key={p.aadObjectId}>
            <Text weight="semibold">{p.name}</Text>
            <Text size={200}>{p.roles.join(', ')}</Text>
            <Button
              appearance="primary"
              onClick={() => {
                sessionStorage.setItem(KEY, p.aadObjectId);
                onChosen(p.aadObjectId);
              }}
            >
              Sign in as {p.name}
            </Button>
          </Card>
        ))}
      </div>
    </Section>
  );
}
