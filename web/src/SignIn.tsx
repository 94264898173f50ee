import { Button, Card, Text } from '@fluentui/react-components';
import { chooseLocalIdentity } from './start/localIdentity';
import { Loading, Outcome, Section, useRead } from './ui';

/**
 * On the local stack only (production signs people in through Teams): be anyone in the demo, to try
 * Quorum as the clerk, the Chairman, an officer or a member.
 */
export function SignIn({ onChosen }: { onChosen: (aadObjectId: string) => void }) {
  const people = useRead<{ aadObjectId: string; name: string; roles: string[] }[]>('local/people');
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
                chooseLocalIdentity(p.aadObjectId);
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
