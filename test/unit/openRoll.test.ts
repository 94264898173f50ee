import { describe, expect, it } from 'vitest';
import { openRollUrl } from '../../bot/features/rollCall';
import { june2023 } from '../fixtures/papers';

describe('"Open the roll call" on the roll-call card', () => {
  const meeting = { ...june2023, teams: { chatId: '19:meeting_abc@thread.v2' } };

  it("is a Teams deep link to Quorum's tab in the meeting's chat (its side panel) when Teams is set up", () => {
    const url = new URL(openRollUrl({ publicUrl: 'https://quorum.example.gov.uk', teamsAppId: 'app-1' }, meeting));
    expect(url.origin + url.pathname).toBe('https://teams.microsoft.com/l/entity/app-1/meeting');
    expect(JSON.parse(url.searchParams.get('context')!)).toEqual({
      chatId: '19:meeting_abc@thread.v2',
      contextType: 'chat',
      subEntityId: `roll/${june2023.id}`,
    });
    expect(url.searchParams.get('webUrl')).toBe(`https://quorum.example.gov.uk/#/roll/${june2023.id}`);
  });

  it("opens the workspace's roll-call screen where there is no Teams app id or no meeting chat", () => {
    expect(openRollUrl({ publicUrl: 'http://localhost:3978' }, meeting)).toBe(
      `http://localhost:3978/#/roll/${june2023.id}`,
    );
    expect(openRollUrl({ publicUrl: 'http://localhost:3978', teamsAppId: 'app-1' }, june2023)).toBe(
      `http://localhost:3978/#/roll/${june2023.id}`,
    );
  });
});
