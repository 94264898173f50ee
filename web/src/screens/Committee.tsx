import {
  Button,
  Checkbox,
  Field,
  Input,
  MessageBar,
  MessageBarBody,
  Select,
  Text,
  Textarea,
} from '@fluentui/react-components';
import { useEffect, useState, type ReactNode } from 'react';
import { CommitteeSchema, type CommitteeInput } from '../../../bot/domain/committee';
import type { Me } from '../App';
import { call, get } from '../api';
import { Choices, Loading, Outcome, Section, useAction } from '../ui';

type Draft = CommitteeInput & { people: NonNullable<CommitteeInput['people']> };
type Person = Draft['people'][number];
type Seat = Draft['seats'][number];

/** Zod's words for a wrong type are for developers; a clerk reads these. */
const humanise = (m: string) =>
  /^Expected number/.test(m) ? 'must be a number' : /^Required$/.test(m) ? 'must be filled in' : m;

/** The shared schema's problems, by field path: the same rules the server applies on saving. */
function problemsIn(draft: Draft): Record<string, string> {
  const checked = CommitteeSchema.safeParse(draft);
  return checked.success
    ? {}
    : Object.fromEntries(checked.error.issues.map((i) => [i.path.join('.') || '(body)', i.message]));
}

function emptyCommittee(me: Me): Draft {
  return {
    id: '',
    name: '',
    shortName: '',
    regime: 'partnership-terms-of-reference',
    notice: { clearDays: 5, excludeWeekends: true, excludeBankHolidays: true, holidayRegion: 'GB-ENG' },
    quorum: { minVotingMembers: 1, minAgencies: 1 },
    interestCategories: 'localism-act-2011',
    chasers: { firstReminderWorkingDays: 10, secondReminderWorkingDays: 3 },
    people: [
      {
        id: 'clerk',
        name: me.name ?? '',
        organisation: '',
        elected: false,
        ...(me.aadObjectId ? { aadObjectId: me.aadObjectId } : {}),
      },
    ],
    seats: [],
    officers: [],
    clerks: ['clerk'],
    forwardPlan: [],
  };
}

const newSeat = (n: number): Seat => ({
  id: `seat-${n}`,
  represents: '',
  agency: '',
  kind: 'member',
  voting: { general: true, communitySafetyAgreement: false },
  substitutes: { kind: 'none', text: 'No substitutes.', named: [] },
});

/** A person's id from their name: "Cllr. L. Phillimore" → "l-phillimore", kept unique. */
function idFor(name: string, taken: string[]): string {
  const base =
    name
      .toLowerCase()
      .replace(/\b(cllr|councillor|mr|mrs|ms|miss|dr|cc)\b\.?/g, '')
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '') || 'person';
  let id = base;
  for (let i = 2; taken.includes(id); i++) id = `${base}-${i}`;
  return id;
}

interface DirectoryUser {
  aadObjectId: string;
  displayName: string;
  email?: string;
  jobTitle?: string;
  organisation?: string;
}

/** Finds people in the organisation (Microsoft Graph) so their Teams account is linked without typing ids. */
function DirectorySearch({ onPick, taken }: { onPick: (u: DirectoryUser) => void; taken: string[] }) {
  const [q, setQ] = useState('');
  const act = useAction();
  const [found, setFound] = useState<{ available: boolean; users: DirectoryUser[]; why?: string } | undefined>();
  return (
    <div style={{ display: 'grid', gap: 8, maxWidth: 640 }}>
      <div style={{ display: 'flex', gap: 8, alignItems: 'end' }}>
        <Field label="Find someone in your organisation" validationMessage={act.fields.q}>
          <Input value={q} onChange={(_, d) => setQ(d.value)} />
        </Field>
        <Button
          disabled={act.busy || q.trim().length < 2}
          onClick={() =>
            void act
              .run(() => get<NonNullable<typeof found>>(`directory/users?q=${encodeURIComponent(q.trim())}`), '')
              .then((r) => r && setFound(r))
          }
        >
          Search
        </Button>
      </div>
      <Outcome error={act.error} />
      {found && !found.available && (
        <Text>{found.why ?? 'The directory is not connected here: type the person in below.'}</Text>
      )}
      {found?.available && !found.users.length && <Text>Nobody of that name was found.</Text>}
      {found?.users.map((u) => (
        <div key={u.aadObjectId} style={{ display: 'flex', gap: 8, alignItems: 'center' }}>
          <Text>
            {u.displayName}
            {u.jobTitle ? `, ${u.jobTitle}` : ''}
            {u.organisation ? ` (${u.organisation})` : ''}
          </Text>
          <Button size="small" disabled={taken.includes(u.aadObjectId.toLowerCase())} onClick={() => onPick(u)}>
            {taken.includes(u.aadObjectId.toLowerCase()) ? 'Already here' : `Add ${u.displayName}`}
          </Button>
        </div>
      ))}
    </div>
  );
}

function Grid({ children }: { children: ReactNode }) {
  return (
    <div
      className="q-grid"
      style={{
        display: 'grid',
        gap: 8,
        gridTemplateColumns: 'repeat(auto-fill, minmax(220px, 1fr))',
        alignItems: 'end',
      }}
    >
      {children}
    </div>
  );
}

/** The committee: create from empty or JSON, edit every rule and person, export JSON. */
export default function CommitteeScreen(props: { me: Me; committeeId?: string; onSaved: (id: string) => void }) {
  const [draft, setDraft] = useState<Draft | undefined>(props.committeeId ? undefined : emptyCommittee(props.me));
  const [loadError, setLoadError] = useState<unknown>();
  const [local, setLocal] = useState<Record<string, string>>({});
  const [json, setJson] = useState('');
  const [attempted, setAttempted] = useState(false);
  const act = useAction();
  // Once a save has been refused, the messages follow the form as it is corrected.
  useEffect(() => {
    if (attempted && draft) setLocal(problemsIn(draft));
  }, [attempted, draft]);
  useEffect(() => {
    if (props.committeeId)
      get<Draft>(`committees/${encodeURIComponent(props.committeeId)}`).then(setDraft, setLoadError);
  }, [props.committeeId]);
  if (loadError) return <Outcome error={loadError} />;
  if (!draft) return <Loading />;
  const isNew = !props.committeeId;
  const fields = { ...act.fields, ...local };
  const p = (path: string) => {
    const m = fields[path];
    return m ? humanise(m) : undefined;
  };
  const update = (change: (d: Draft) => Draft) => setDraft(change(structuredClone(draft)));
  const people = draft.people;
  const choices = people.map((x) => ({ value: x.id, label: x.name || x.id }));
  const personOptions = [
    <option key="" value="">
      No one
    </option>,
    ...people.map((x) => (
      <option key={x.id} value={x.id}>
        {x.name || x.id}
      </option>
    )),
  ];

  const save = async () => {
    const checked = CommitteeSchema.safeParse(draft);
    setAttempted(true);
    if (!checked.success) {
      setLocal(problemsIn(draft));
      act.clear();
      return;
    }
    setLocal({});
    const saved = await act.run(
      () => call<{ id: string }>('PUT', `committees/${encodeURIComponent(draft.id)}`, checked.data),
      'Saved.',
    );
    if (saved) props.onSaved(saved.id);
  };

  const setPerson = (i: number, patch: Partial<Person>) =>
    update((d) => ((d.people[i] = { ...d.people[i], ...patch } as Person), d));
  const setSeat = (i: number, patch: Partial<Seat>) =>
    update((d) => ((d.seats[i] = { ...d.seats[i], ...patch } as Seat), d));
  const localCount = Object.keys(local).length;

  return (
    <form
      noValidate
      aria-label={isNew ? 'New committee' : 'The committee'}
      onSubmit={(e) => {
        e.preventDefault();
        void save();
      }}
    >
      <Section title={isNew ? 'A new committee' : 'The committee'}>
        <Grid>
          <Field label="Id (used in addresses)" required validationMessage={p('id')} hint="letters, digits, - and _">
            <Input value={draft.id} disabled={!isNew} onChange={(_, v) => update((d) => ((d.id = v.value), d))} />
          </Field>
          <Field label="Name of the committee" required validationMessage={p('name')}>
            <Input value={draft.name} onChange={(_, v) => update((d) => ((d.name = v.value), d))} />
          </Field>
          <Field label="Short name" required validationMessage={p('shortName')} hint="e.g. LSCSB">
            <Input value={draft.shortName} onChange={(_, v) => update((d) => ((d.shortName = v.value), d))} />
          </Field>
          <Field
            label="Rules it runs under"
            hint="England: only those in the room count as present. Wales: remote attendance counts. A partnership board: its own terms of reference."
            validationMessage={p('regime')}
          >
            <Select
              value={draft.regime}
              onChange={(_, v) => update((d) => ((d.regime = v.value as Draft['regime']), d))}
            >
              <option value="england-lga-1972">
                Council committee, England (LGA 1972: only those in the room count)
              </option>
              <option value="wales-lg-2021">Council committee, Wales (remote attendance counts)</option>
              <option value="partnership-terms-of-reference">Partnership board (its own terms of reference)</option>
            </Select>
          </Field>
          <Field label="Interest categories" validationMessage={p('interestCategories')}>
            <Select
              value={draft.interestCategories ?? 'localism-act-2011'}
              onChange={(_, v) => update((d) => ((d.interestCategories = v.value as Draft['interestCategories']), d))}
            >
              <option value="localism-act-2011">Localism Act 2011</option>
              <option value="personal-prejudicial">Personal and prejudicial</option>
            </Select>
          </Field>
        </Grid>
      </Section>

      <Section title="Notice and quorum">
        <Grid>
          <Field label="Clear days' notice" validationMessage={p('notice.clearDays')}>
            <Input
              type="number"
              value={String(draft.notice.clearDays)}
              onChange={(_, v) => update((d) => ((d.notice.clearDays = v.value === '' ? NaN : Number(v.value)), d))}
            />
          </Field>
          <Checkbox
            label="Weekends are not clear days"
            checked={draft.notice.excludeWeekends}
            onChange={(_, v) => update((d) => ((d.notice.excludeWeekends = Boolean(v.checked)), d))}
          />
          <Checkbox
            label="Bank holidays are not clear days"
            checked={draft.notice.excludeBankHolidays}
            onChange={(_, v) => update((d) => ((d.notice.excludeBankHolidays = Boolean(v.checked)), d))}
          />
          <Field label="Bank holidays of" validationMessage={p('notice.holidayRegion')}>
            <Select
              value={draft.notice.holidayRegion}
              onChange={(_, v) =>
                update((d) => ((d.notice.holidayRegion = v.value as Draft['notice']['holidayRegion']), d))
              }
            >
              <option value="GB-ENG">England</option>
              <option value="GB-WLS">Wales</option>
              <option value="GB-SCT">Scotland</option>
              <option value="GB-NIR">Northern Ireland</option>
            </Select>
          </Field>
          <Field label="Quorum: at least this many voting members" validationMessage={p('quorum.minVotingMembers')}>
            <Input
              type="number"
              value={Number.isNaN(draft.quorum.minVotingMembers) ? '' : String(draft.quorum.minVotingMembers)}
              onChange={(_, v) =>
                update((d) => ((d.quorum.minVotingMembers = v.value === '' ? NaN : Number(v.value)), d))
              }
            />
          </Field>
          <Field label="…from at least this many agencies" validationMessage={p('quorum.minAgencies')}>
            <Input
              type="number"
              value={Number.isNaN(draft.quorum.minAgencies) ? '' : String(draft.quorum.minAgencies)}
              onChange={(_, v) => update((d) => ((d.quorum.minAgencies = v.value === '' ? NaN : Number(v.value)), d))}
            />
          </Field>
          <Field
            label="First chaser, working days before"
            validationMessage={p('chasers.firstReminderWorkingDays') ?? p('chasers')}
          >
            <Input
              type="number"
              value={String(draft.chasers?.firstReminderWorkingDays ?? 10)}
              onChange={(_, v) =>
                update(
                  (d) => (
                    (d.chasers = {
                      firstReminderWorkingDays: Number(v.value),
                      secondReminderWorkingDays: d.chasers?.secondReminderWorkingDays ?? 3,
                    }),
                    d
                  ),
                )
              }
            />
          </Field>
          <Field label="Second chaser, working days before" validationMessage={p('chasers.secondReminderWorkingDays')}>
            <Input
              type="number"
              value={String(draft.chasers?.secondReminderWorkingDays ?? 3)}
              onChange={(_, v) =>
                update(
                  (d) => (
                    (d.chasers = {
                      firstReminderWorkingDays: d.chasers?.firstReminderWorkingDays ?? 10,
                      secondReminderWorkingDays: Number(v.value),
                    }),
                    d
                  ),
                )
              }
            />
          </Field>
        </Grid>
      </Section>

      <Section title={`People (${people.length})`}>
        <Text>Names exactly as the minutes print them: “Cllr. L. Phillimore”, “Mrs D. Taylor CC”.</Text>
        {p('people') && <Text role="alert">{p('people')}</Text>}
        {people.map((person, i) => (
          <fieldset key={i} style={{ border: '1px solid #ccc', borderRadius: 4 }} aria-label={`Person ${i + 1}`}>
            <legend>{person.name || `Person ${i + 1}`}</legend>
            <Grid>
              <Field label="Name as printed" required validationMessage={p(`people.${i}.name`)}>
                <Input
                  value={person.name}
                  onChange={(_, v) =>
                    setPerson(i, {
                      name: v.value,
                      ...(person.id.startsWith('person') || !person.id
                        ? {
                            id: idFor(
                              v.value,
                              people.filter((_, j) => j !== i).map((x) => x.id),
                            ),
                          }
                        : {}),
                    })
                  }
                />
              </Field>
              <Field label="Id" validationMessage={p(`people.${i}.id`)}>
                <Input value={person.id} onChange={(_, v) => setPerson(i, { id: v.value })} />
              </Field>
              <Field label="Organisation" required validationMessage={p(`people.${i}.organisation`)}>
                <Input value={person.organisation} onChange={(_, v) => setPerson(i, { organisation: v.value })} />
              </Field>
              <Field
                label="Entra object id (links their Teams account)"
                validationMessage={p(`people.${i}.aadObjectId`)}
              >
                <Input
                  value={person.aadObjectId ?? ''}
                  onChange={(_, v) => setPerson(i, { aadObjectId: v.value.trim() || undefined })}
                />
              </Field>
              <Field label="E-mail" validationMessage={p(`people.${i}.email`)}>
                <Input
                  type="email"
                  value={person.email ?? ''}
                  onChange={(_, v) => setPerson(i, { email: v.value.trim() || undefined })}
                />
              </Field>
              <Checkbox
                label="Elected member"
                checked={Boolean(person.elected)}
                onChange={(_, v) => setPerson(i, { elected: Boolean(v.checked) })}
              />
              <Button onClick={() => update((d) => (d.people.splice(i, 1), d))}>
                Remove {person.name || 'this person'}
              </Button>
            </Grid>
          </fieldset>
        ))}
        <div>
          <Button
            onClick={() =>
              update(
                (d) => (
                  d.people.push({
                    id: idFor(
                      'person',
                      d.people.map((x) => x.id),
                    ),
                    name: '',
                    organisation: '',
                    elected: false,
                  }),
                  d
                ),
              )
            }
          >
            Add a person
          </Button>
        </div>
        <DirectorySearch
          taken={people.flatMap((x) => (x.aadObjectId ? [x.aadObjectId.toLowerCase()] : []))}
          onPick={(u) =>
            update(
              (d) => (
                d.people.push({
                  id: idFor(
                    u.displayName,
                    d.people.map((x) => x.id),
                  ),
                  name: u.displayName,
                  organisation: u.organisation ?? '',
                  elected: false,
                  aadObjectId: u.aadObjectId,
                  ...(u.email ? { email: u.email } : {}),
                  ...(u.jobTitle ? { jobTitle: u.jobTitle } : {}),
                }),
                d
              ),
            )
          }
        />
      </Section>

      <Section title={`Seats (${draft.seats.length})`}>
        {p('seats') && <Text role="alert">{p('seats')}</Text>}
        {draft.seats.map((seat, i) => (
          <fieldset key={i} style={{ border: '1px solid #ccc', borderRadius: 4 }} aria-label={`Seat ${i + 1}`}>
            <legend>{seat.represents || `Seat ${i + 1}`}</legend>
            <Grid>
              <Field
                label="Represents (printed beside the name)"
                required
                validationMessage={p(`seats.${i}.represents`)}
              >
                <Input value={seat.represents} onChange={(_, v) => setSeat(i, { represents: v.value })} />
              </Field>
              <Field label="Agency (for the quorum)" required validationMessage={p(`seats.${i}.agency`)}>
                <Input value={seat.agency} onChange={(_, v) => setSeat(i, { agency: v.value })} />
              </Field>
              <Field label="Held by" validationMessage={p(`seats.${i}.holder`)}>
                <Select value={seat.holder ?? ''} onChange={(_, v) => setSeat(i, { holder: v.value || undefined })}>
                  {personOptions}
                </Select>
              </Field>
              <Field label="Seat" validationMessage={p(`seats.${i}.kind`)}>
                <Select
                  value={seat.kind ?? 'member'}
                  onChange={(_, v) => setSeat(i, { kind: v.value as 'member' | 'observer' })}
                >
                  <option value="member">Member</option>
                  <option value="observer">Observer (no vote)</option>
                </Select>
              </Field>
              <Checkbox
                label="Votes"
                checked={seat.voting.general}
                onChange={(_, v) => setSeat(i, { voting: { ...seat.voting, general: Boolean(v.checked) } })}
              />
              <Checkbox
                label="Votes on the Community Safety Agreement"
                checked={seat.voting.communitySafetyAgreement}
                onChange={(_, v) =>
                  setSeat(i, { voting: { ...seat.voting, communitySafetyAgreement: Boolean(v.checked) } })
                }
              />
              {p(`seats.${i}.voting`) && <Text role="alert">{p(`seats.${i}.voting`)}</Text>}
              <Field label="Who may substitute" validationMessage={p(`seats.${i}.substitutes.kind`)}>
                <Select
                  value={seat.substitutes.kind}
                  onChange={(_, v) =>
                    setSeat(i, { substitutes: { ...seat.substitutes, kind: v.value as Seat['substitutes']['kind'] } })
                  }
                >
                  <option value="none">No one</option>
                  <option value="elected-member-same-authority">Another elected member of the same authority</option>
                  <option value="member-of-same-body">Any other member of the same body</option>
                  <option value="appropriate-officer">Any other appropriate officer</option>
                </Select>
              </Field>
              <Field label="The terms of reference's words" validationMessage={p(`seats.${i}.substitutes.text`)}>
                <Input
                  value={seat.substitutes.text}
                  onChange={(_, v) => setSeat(i, { substitutes: { ...seat.substitutes, text: v.value } })}
                />
              </Field>
              <Choices
                legend="Named substitutes"
                error={p(`seats.${i}.substitutes.named`)}
                options={choices}
                chosen={seat.substitutes.named ?? []}
                maxHeight={120}
                onChange={(id, on) =>
                  setSeat(i, {
                    substitutes: {
                      ...seat.substitutes,
                      named: on
                        ? [...(seat.substitutes.named ?? []), id]
                        : (seat.substitutes.named ?? []).filter((n) => n !== id),
                    },
                  })
                }
              />
              <Button onClick={() => update((d) => (d.seats.splice(i, 1), d))}>Remove this seat</Button>
            </Grid>
          </fieldset>
        ))}
        <div>
          <Button onClick={() => update((d) => (d.seats.push(newSeat(d.seats.length + 1)), d))}>Add a seat</Button>
        </div>
      </Section>

      <Section title="Officers, Chairman and clerks">
        <Grid>
          <Field label="Chairman" validationMessage={p('chair')}>
            <Select value={draft.chair ?? ''} onChange={(_, v) => update((d) => ((d.chair = v.value || undefined), d))}>
              {personOptions}
            </Select>
          </Field>
          <Field label="Vice-Chairman" validationMessage={p('viceChair')}>
            <Select
              value={draft.viceChair ?? ''}
              onChange={(_, v) => update((d) => ((d.viceChair = v.value || undefined), d))}
            >
              {personOptions}
            </Select>
          </Field>
        </Grid>
        <Choices
          legend="Clerks (democratic services officers who own the committee)"
          error={p('clerks')}
          options={choices}
          chosen={draft.clerks}
          onChange={(id, on) =>
            update((d) => ((d.clerks = on ? [...d.clerks, id] : d.clerks.filter((c) => c !== id)), d))
          }
        />
        <Choices
          legend="Officers (they attend and own actions)"
          error={p('officers')}
          options={choices}
          chosen={(draft.officers ?? []).map((o) => o.person)}
          onChange={(id, on) =>
            update(
              (d) => (
                (d.officers = on
                  ? [...(d.officers ?? []), { person: id }]
                  : (d.officers ?? []).filter((o) => o.person !== id)),
                d
              ),
            )
          }
        />
        {(draft.officers ?? []).map((o, i) => (
          <Field
            key={o.person}
            label={`${people.find((x) => x.id === o.person)?.name || o.person}: role, as the minutes print it`}
            hint="For example: Head of Community Safety, Leicestershire County Council"
            validationMessage={p(`officers.${i}.role`) ?? p(`officers.${i}`)}
          >
            <Input
              value={o.role ?? ''}
              onChange={(_, d) =>
                update((c) => {
                  const officer = c.officers?.[i];
                  if (officer) {
                    if (d.value) officer.role = d.value;
                    else delete officer.role;
                  }
                  return c;
                })
              }
            />
          </Field>
        ))}
      </Section>

      <Section title="Save">
        {localCount > 0 && (
          <MessageBar intent="error" role="alert">
            <MessageBarBody>
              {localCount === 1 ? 'One thing needs' : `${localCount} things need`} putting right (shown beside each
              field); nothing was saved.
              {local['(body)'] ? ` ${local['(body)']}` : ''}
            </MessageBarBody>
          </MessageBar>
        )}
        <div style={{ display: 'flex', gap: 8, flexWrap: 'wrap' }}>
          <Button type="submit" appearance="primary" disabled={act.busy}>
            {isNew ? 'Create the committee' : 'Save the committee'}
          </Button>
          <Button
            onClick={() => {
              const blob = new Blob([JSON.stringify(draft, null, 2)], { type: 'application/json' });
              const a = document.createElement('a');
              a.href = URL.createObjectURL(blob);
              a.download = `${draft.id || 'committee'}.json`;
              a.click();
            }}
          >
            Export JSON
          </Button>
        </div>
        <Outcome error={act.error} done={act.done} />
      </Section>

      {isNew && (
        <Section title="Or import a committee's JSON">
          <Field label="Paste the JSON (as exported from Quorum)">
            <Textarea rows={4} value={json} onChange={(_, v) => setJson(v.value)} />
          </Field>
          <div>
            <Button
              onClick={() => {
                try {
                  setDraft({ ...emptyCommittee(props.me), ...(JSON.parse(json) as Draft) });
                  setLocal({});
                } catch {
                  setLocal({ '(body)': 'That is not JSON: nothing was imported.' });
                }
              }}
            >
              Import into the form
            </Button>
          </div>
        </Section>
      )}
    </form>
  );
}
