import { Field, Select, Text } from '@fluentui/react-components';
import { useState } from 'react';
import type { Me } from '../App';
import { saveTabFor } from '../teams';
import { Section } from '../ui';

/** Teams' page for adding Quorum to a channel or group chat: the tab shows one committee. */
export default function Configure({ me }: { me: Me }) {
  const [chosen, setChosen] = useState('');
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
