import { Button, Checkbox, Field, Input, Select, Textarea } from '@fluentui/react-components';
import { useState, type ReactNode } from 'react';
import { Outcome, useAction } from './ui';

export interface DeclarationFields {
  items: string;
  category: string;
  nature: string;
  participation?: 'take-part' | 'not-vote' | 'leave';
  sensitive: boolean;
}

/**
 * A declaration of interest, as the card asks for it: the items, the kind of interest, its nature in
 * the member's words (the minutes print "… declared that <nature>"), and whether they will stay. The
 * rules (a DPI means leaving) are the server's, which says what it recorded.
 */
export function DeclarationForm(props: {
  categories: { value: string; label: string }[];
  /** The items it is for, filled in (the item in progress, in the meeting side panel). */
  items?: string;
  before?: ReactNode;
  submitLabel: string;
  submit: (fields: DeclarationFields) => Promise<{ sentence?: string; overridden?: boolean; duplicate?: boolean }>;
  onDone: () => void;
}) {
  const [items, setItems] = useState(props.items ?? '');
  const [category, setCategory] = useState(props.categories[0]?.value ?? '');
  const [nature, setNature] = useState('');
  const [participation, setParticipation] = useState('');
  const [sensitive, setSensitive] = useState(false);
  const act = useAction();
  return (
    <form
      noValidate
      aria-label="Declare an interest"
      style={{ display: 'grid', gap: 8, maxWidth: 640 }}
      onSubmit={(e) => {
        e.preventDefault();
        void act
          .run(
            () =>
              props.submit({
                items,
                category,
                nature,
                ...(participation ? { participation: participation as DeclarationFields['participation'] } : {}),
                sensitive,
              }),
            (r) =>
              r.duplicate
                ? 'That declaration was already recorded.'
                : `Recorded. The minutes will say: “${r.sentence ?? ''}”${r.overridden ? ' (a Disclosable Pecuniary Interest means leaving the meeting for the item).' : ''}`,
          )
          .then((r) => r && props.onDone());
      }}
    >
      {props.before}
      <Field label="Agenda items" hint='By number: "6", "3, 6", or "all"' validationMessage={act.fields.items}>
        <Input value={items} onChange={(_, d) => setItems(d.value)} />
      </Field>
      <Field label="Kind of interest" validationMessage={act.fields.category}>
        <Select value={category} onChange={(_, d) => setCategory(d.value)}>
          {props.categories.map((c) => (
            <option key={c.value} value={c.value}>
              {c.label}
            </option>
          ))}
        </Select>
      </Field>
      <Field
        label="The interest, completing “… declared that …”"
        hint="e.g. he was employed by the Crown Prosecution Service"
        validationMessage={act.fields.nature}
      >
        <Textarea value={nature} onChange={(_, d) => setNature(d.value)} />
      </Field>
      <Field label="At the item" validationMessage={act.fields.participation}>
        <Select value={participation} onChange={(_, d) => setParticipation(d.value)}>
          <option value="">Stay and take part</option>
          <option value="not-vote">Stay but not vote</option>
          <option value="leave">Leave the meeting</option>
        </Select>
      </Field>
      <Checkbox
        checked={sensitive}
        onChange={(_, d) => setSensitive(Boolean(d.checked))}
        label="A sensitive interest: the minutes say an interest exists, not what it is"
      />
      <div>
        <Button type="submit" appearance="primary" disabled={act.busy}>
          {props.submitLabel}
        </Button>
      </div>
      <Outcome error={act.error} done={act.done} />
    </form>
  );
}
