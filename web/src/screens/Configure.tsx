import { Field, Select, Text } from '@fluentui/react-components';
import { useEffect, useState } from 'react';
import type { Me } from '../App';
import { saveMeetingTab, saveTabFor } from '../teams';
import { Section } from '../ui';

/**
 * Teams' page for adding Quorum: in a channel or group chat the tab shows one committee; in a Teams
 * meeting it is the chair's console (the live roll call) in the side panel.
 */
export default function Configure({ me, inMeeting }: { me: Me; inMeeting: boolean }) {
  const [chosen, setChosen] = useState('');
  useEffect(() => {
    if (inMeeting) void saveMeetingTab();
  }, [inMeeting]);
  if (inMeeting)
    return (
      <Section title="Add Quorum to this meeting">
        <Text>
          The tab shows the roll call of this meeting, live: the quorum, who is here, and for the Chairman and the clerk
          the controls. Press Save.
        </Text>
      </Section>
    );
  return (
    <Section title="Add Quorum to this channel">
      <Text>Choose the committee this tab is for. Its members will see their meetings; its clerks, the workspace.</Text>
      <Field label="Committee">
        <Select
          value={chosen}
          onChange={(_, d) => {
            setChosen(d.value);
            const c = me.committees.find((x) => x.id === d.value);
            if (c) void saveTabFor(c);
          }}
        >
          <option value="" disabled>
            Choose a committee
          </option>
          {me.committees.map((c) => (
            <option key={c.id} value={c.id}>
              {c.name}
            </option>
          ))}
        </Select>
      </Field>
    </Section>
  );
}
