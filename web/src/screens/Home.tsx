import { Badge, Button, Card, Field, Input, Link, Select, Text, Textarea } from '@fluentui/react-components';
import { useState } from 'react';
import type { Me } from '../App';
import { call, openPdf, submissionId } from '../api';
import { DeclarationForm } from '../DeclarationForm';
import { AttachReport, Loading, Outcome, PersonOptions, Section, useAction, useRead, when } from '../ui';

interface MyMeeting {
  id: string;
  committee: { id: string; name: string; shortName: string };
  startsAt: string;
  venue: string;
  published: boolean;
  papersUrl: string | null;
  agenda: { number: number; title: string; exempt: number | null; pages: string | null; reportItemId: string | null }[];
  packs: { supplement: number; pages: number; part2Pages: number | null }[];
  myReports: { itemId: string; number: number; title: string; report: { name: string; pages: number } | null }[];
  myApology: { id: string; substitute: { id: string; name: string } | null; reason: string | null } | null;
  myDeclarations: { id: string; sentence: string }[];
  interestCategories: { value: string; label: string }[];
  people: { id: string; name: string }[];
}

/** The reports the clerk has asked this person to attach (a presenter's), each with its file. */
function MyReports({ meeting, onChange }: { meeting: MyMeeting; onChange: () => void }) {
  if (!meeting.myReports.length) return null;
  return (
    <div style={{ display: 'grid', gap: 4 }}>
      <Text weight="semibold">Reports the clerk has asked you to attach</Text>
      {meeting.myReports.map((r) => (
        <div key={r.itemId} style={{ display: 'grid', gap: 4 }}>
          <Text>
            {r.number}. {r.title}
            {r.report ? ` · ${r.report.name}, ${r.report.pages} page${r.report.pages === 1 ? '' : 's'}` : ''}
          </Text>
          <AttachReport
            path={`meetings/${encodeURIComponent(meeting.id)}/agenda/items/${encodeURIComponent(r.itemId)}/report`}
            itemNumber={r.number}
            attached={!!r.report}
            then="The clerk builds the pack from it."
            onAttached={onChange}
          />
        </div>
      ))}
    </div>
  );
}

/** The meeting's packs, opened signed in: part 2 is listed only for those who may read it. */
function Packs({ meeting }: { meeting: MyMeeting }) {
  const act = useAction();
  if (!meeting.packs.length) return null;
  const open = (query: string, name: string) =>
    void act.run(() => openPdf(`meetings/${encodeURIComponent(meeting.id)}/pack.pdf${query}`, name), '');
  return (
    <div style={{ display: 'flex', gap: 8, flexWrap: 'wrap' }}>
      {meeting.packs.flatMap((p) => {
        const name = p.supplement ? `Supplementary agenda ${p.supplement}` : 'Agenda pack';
        const q = p.supplement ? `?supplement=${p.supplement}` : '';
        return [
          <Button key={`${p.supplement}`} onClick={() => open(q, `${name}.pdf`)}>
            {name} ({p.pages} pages)
          </Button>,
          ...(p.part2Pages
            ? [
                <Button
                  key={`${p.supplement}-2`}
                  onClick={() => open(`${q}${q ? '&' : '?'}part=2`, `${name} Part 2.pdf`)}
                >
                  {name}: part 2, exempt ({p.part2Pages} pages)
                </Button>,
              ]
            : []),
        ];
      })}
      <Outcome error={act.error} />
    </div>
  );
}

interface MyAction {
  committee: { id: string; shortName: string };
  id: string;
  number: number;
  text: string;
  status: string;
  comments: string;
}

function Apologies({ meeting, onChange }: { meeting: MyMeeting; onChange: () => void }) {
  const [substituteId, setSubstituteId] = useState('');
  const [reason, setReason] = useState('');
  const [open, setOpen] = useState(false);
  const act = useAction();
  const mine = meeting.myApology;
  if (mine && !open)
    return (
      <div style={{ display: 'grid', gap: 8 }}>
        <Text>
          You have sent your apologies{mine.substitute ? `; ${mine.substitute.name} will attend in your place` : ''}.
        </Text>
        <Button
          disabled={act.busy}
          onClick={() =>
            void act
              .run(
                () =>
                  call('POST', 'me/apologies/withdraw', {
                    meetingId: meeting.id,
                    apologyId: mine.id,
                    submissionId: submissionId(),
                  }),
                'Your apologies are withdrawn: we will expect you at the meeting.',
              )
              .then((r) => r && onChange())
          }
        >
          I can come after all
        </Button>
        <Button onClick={() => setOpen(true)}>Change my apologies (a different substitute or reason)</Button>
        <Outcome error={act.error} done={act.done} />
      </div>
    );
  if (!open)
    return (
      <div>
        <Button onClick={() => setOpen(true)}>Send apologies for this meeting</Button>
      </div>
    );
  return (
    <form
      noValidate
      style={{ display: 'grid', gap: 8, maxWidth: 520 }}
      onSubmit={(e) => {
        e.preventDefault();
        void act
          .run(
            () =>
              call('POST', 'me/apologies', {
                meetingId: meeting.id,
                ...(substituteId ? { substituteId } : {}),
                ...(reason.trim() ? { reason } : {}),
                submissionId: submissionId(),
              }),
            mine ? 'Your apologies are changed.' : 'Your apologies are recorded.',
          )
          .then((r) => {
            if (!r) return;
            setOpen(false);
            onChange();
          });
      }}
    >
      <Field label="Someone to attend in your place (optional)" validationMessage={act.fields.substituteId}>
        <Select value={substituteId} onChange={(_, d) => setSubstituteId(d.value)}>
          <option value="">No substitute</option>
          <PersonOptions people={meeting.people} />
        </Select>
      </Field>
      <Field label="Reason (optional; only the clerk sees it, never the minutes)" validationMessage={act.fields.reason}>
        <Textarea value={reason} maxLength={500} onChange={(_, d) => setReason(d.value)} />
      </Field>
      <Button type="submit" appearance="primary" disabled={act.busy}>
        {mine ? 'Save the change' : 'Send my apologies'}
      </Button>
      <Outcome error={act.error} done={act.done} />
    </form>
  );
}

function Declarations({ meeting, onChange }: { meeting: MyMeeting; onChange: () => void }) {
  const [open, setOpen] = useState(false);
  return (
    <div style={{ display: 'grid', gap: 8 }}>
      {meeting.myDeclarations.length > 0 && (
        <ul aria-label="Your declarations" style={{ margin: 0 }}>
          {meeting.myDeclarations.map((d) => (
            <li key={d.id}>{d.sentence}</li>
          ))}
        </ul>
      )}
      {open ? (
        <DeclarationForm
          categories={meeting.interestCategories}
          submitLabel="Declare"
          submit={(f) => call('POST', 'me/declarations', { meetingId: meeting.id, submissionId: submissionId(), ...f })}
          onDone={onChange}
        />
      ) : (
        <div>
          <Button onClick={() => setOpen(true)}>Declare an interest</Button>
        </div>
      )}
    </div>
  );
}

function ActionRow({ action, onChange }: { action: MyAction; onChange: () => void }) {
  const [status, setStatus] = useState(action.status);
  const [comment, setComment] = useState('');
  const act = useAction();
  return (
    <Card>
      <Text weight="semibold">
        {action.committee.shortName} action {action.number}
      </Text>
      <Text>{action.text}</Text>
      {action.comments && <Text size={200}>Comments so far: {action.comments}</Text>}
      <form
        noValidate
        style={{ display: 'grid', gap: 8, maxWidth: 520 }}
        onSubmit={(e) => {
          e.preventDefault();
          void act
            .run(
              () =>
                call('POST', `me/actions/${encodeURIComponent(action.committee.id)}/${encodeURIComponent(action.id)}`, {
                  status,
                  ...(comment.trim() ? { comment } : {}),
                  submissionId: submissionId(),
                }),
              `Action ${action.number} updated to ${status}. Thank you.`,
            )
            .then((r) => {
              if (r) {
                setComment('');
                onChange();
              }
            });
        }}
      >
        <Field label={`Status of action ${action.number}`} validationMessage={act.fields.status}>
          <Select value={status} onChange={(_, d) => setStatus(d.value)}>
            {['Red', 'Amber', 'Green', 'Complete'].map((s) => (
              <option key={s}>{s}</option>
            ))}
          </Select>
        </Field>
        <Field label="Comment" validationMessage={act.fields.comment}>
          <Input value={comment} maxLength={2000} onChange={(_, d) => setComment(d.value)} />
        </Field>
        <Button type="submit" appearance="primary" disabled={act.busy}>
          Update
        </Button>
        <Outcome error={act.error} done={act.done} />
      </form>
    </Card>
  );
}

interface MyRegister {
  committee: { id: string; shortName: string };
  entries: { id: string; nature: string; category: string }[];
  interestCategories: { value: string; label: string }[];
}

/** A member's standing interests, offered again at each meeting. */
function Register({ register, onChange }: { register: MyRegister; onChange: () => void }) {
  const [nature, setNature] = useState('');
  const [category, setCategory] = useState(
    register.interestCategories[1]?.value ?? register.interestCategories[0]?.value ?? '',
  );
  const act = useAction();
  return (
    <Card aria-label={`Your standing interests: ${register.committee.shortName}`}>
      <Text weight="semibold">{register.committee.shortName}</Text>
      {register.entries.length ? (
        <ul style={{ margin: 0 }}>
          {register.entries.map((e) => (
            <li key={e.id}>
              {e.nature} ({e.category}){' '}
              <Button
                size="small"
                aria-label={`Remove: ${e.nature}`}
                disabled={act.busy}
                onClick={() =>
                  void act
                    .run(
                      () =>
                        call(
                          'DELETE',
                          `me/register/${encodeURIComponent(register.committee.id)}/${encodeURIComponent(e.id)}`,
                        ),
                      'Removed.',
                    )
                    .then((r) => r && onChange())
                }
              >
                Remove
              </Button>
            </li>
          ))}
        </ul>
      ) : (
        <Text>You have no standing interests recorded.</Text>
      )}
      <form
        noValidate
        aria-label={`Add a standing interest: ${register.committee.shortName}`}
        style={{ display: 'grid', gap: 8, maxWidth: 640 }}
        onSubmit={(e) => {
          e.preventDefault();
          void act
            .run(() => call('POST', 'me/register', { committeeId: register.committee.id, nature, category }), 'Added.')
            .then((r) => {
              if (r) {
                setNature('');
                onChange();
              }
            });
        }}
      >
        <Field label="A standing interest, completing “… declared that …”" validationMessage={act.fields.nature}>
          <Input value={nature} onChange={(_, d) => setNature(d.value)} />
        </Field>
        <Field label="Kind of interest" validationMessage={act.fields.category}>
          <Select value={category} onChange={(_, d) => setCategory(d.value)}>
            {register.interestCategories.map((c) => (
              <option key={c.value} value={c.value}>
                {c.label}
              </option>
            ))}
          </Select>
        </Field>
        <div>
          <Button type="submit" disabled={act.busy}>
            Add to my register
          </Button>
        </div>
        <Outcome error={act.error} done={act.done} />
      </form>
    </Card>
  );
}

/** Anyone's own Quorum: their coming meetings with the agenda, their apologies, their actions. */
export default function Home({ me, committeeId }: { me: Me; committeeId?: string }) {
  const meetings = useRead<MyMeeting[]>('me/meetings');
  const actions = useRead<MyAction[]>('me/actions');
  const register = useRead<MyRegister[]>('me/register');
  const registers = (register.data ?? []).filter((r) => !committeeId || r.committee.id === committeeId);
  const shown = (meetings.data ?? []).filter((m) => !committeeId || m.committee.id === committeeId);
  const myActions = (actions.data ?? []).filter((a) => !committeeId || a.committee.id === committeeId);
  if (!me.committees.length)
    return (
      <Section title="Welcome to Quorum">
        <Text>
          You are not on any committee Quorum looks after. If you should be, ask your democratic services team.
        </Text>
      </Section>
    );
  return (
    <>
      {!committeeId && me.committees.some((c) => c.roles.includes('clerk')) && (
        <Section title="Committees you clerk">
          <div style={{ display: 'flex', gap: 8, flexWrap: 'wrap' }}>
            {me.committees
              .filter((c) => c.roles.includes('clerk'))
              .map((c) => (
                <Button key={c.id} appearance="primary" onClick={() => (window.location.hash = `#/c/${c.id}`)}>
                  Open {c.name}
                </Button>
              ))}
          </div>
        </Section>
      )}
      <Section title="Your next meetings">
        {meetings.loading && <Loading />}
        <Outcome error={meetings.error} />
        {meetings.data && !shown.length && <Text>No meetings are coming up.</Text>}
        {shown.map((m) => (
          <Card key={m.id} aria-label={`${m.committee.shortName}, ${when(m.startsAt)}`}>
            <Text size={500} weight="semibold">
              {m.committee.name}
            </Text>
            <Text>
              {when(m.startsAt)} · {m.venue} {m.myApology ? <Badge color="warning">Apologies sent</Badge> : null}
            </Text>
            {m.agenda.length ? (
              <ol style={{ margin: 0, paddingLeft: 24 }}>
                {m.agenda.map((i) => (
                  <li key={i.number} value={i.number}>
                    {i.title}
                    {i.pages ? ` ${i.pages}` : ''}
                    {i.exempt ? ` (exempt: Schedule 12A, paragraph ${i.exempt})` : ''}
                    {i.reportItemId && (
                      <>
                        {' '}
                        <Button
                          size="small"
                          appearance="transparent"
                          onClick={() =>
                            void openPdf(
                              `meetings/${encodeURIComponent(m.id)}/agenda/items/${encodeURIComponent(i.reportItemId ?? '')}/report`,
                              `${i.number} ${i.title}.pdf`,
                            )
                          }
                        >
                          Read the report
                        </Button>
                      </>
                    )}
                  </li>
                ))}
              </ol>
            ) : (
              <Text>The agenda has not been published yet.</Text>
            )}
            <Packs meeting={m} />
            <MyReports meeting={m} onChange={meetings.reload} />
            {m.papersUrl && (
              <Link href={m.papersUrl} target="_blank">
                Open the papers
              </Link>
            )}
            <Apologies meeting={m} onChange={meetings.reload} />
            {m.agenda.length > 0 && <Declarations meeting={m} onChange={meetings.reload} />}
          </Card>
        ))}
      </Section>
      {registers.length > 0 && (
        <Section title="Your standing interests">
          {registers.map((r) => (
            <Register key={r.committee.id} register={r} onChange={register.reload} />
          ))}
        </Section>
      )}
      <Section title="Your actions">
        {actions.loading && <Loading />}
        <Outcome error={actions.error} />
        {actions.data && !myActions.length && <Text>You have no open actions.</Text>}
        {myActions.map((a) => (
          <ActionRow key={`${a.committee.id}/${a.id}`} action={a} onChange={actions.reload} />
        ))}
      </Section>
    </>
  );
}
