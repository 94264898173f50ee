/**
 * The Teams edge of the page: whether we are in a Teams frame, its theme, and the signed-in user's
 * token (Teams SSO). Outside Teams (the local stack in a browser) none of this runs.
 */
import { framed } from './start/framed';
export type TeamsTheme = 'default' | 'dark' | 'contrast';

export interface TeamsHost {
  theme: TeamsTheme;
  onTheme(handler: (theme: TeamsTheme) => void): void;
  token(): Promise<string>;
  /** Set when Teams opened the page to configure a channel or group-chat tab. */
  frameContext: string;
  /** Inside a Teams meeting (its chat, its side panel): the meeting chat's id. */
  chatId?: string;
  /** The committee a channel tab was set up for. */
  entityId?: string;
}

const asTheme = (t: string | undefined): TeamsTheme => (t === 'dark' || t === 'contrast' ? t : 'default');

/**
 * A page framed by Teams is the only place teams-js can answer; elsewhere do not wait for it, nor
 * load it (it fetches its list of valid domains from a CDN as it loads).
 */
export async function connectToTeams(): Promise<TeamsHost | undefined> {
  if (!framed()) return undefined;
  const { app, authentication } = await import('@microsoft/teams-js');
  try {
    await Promise.race([
      app.initialize(),
      new Promise((_, reject) => setTimeout(() => reject(new Error('not in Teams')), 4000)),
    ]);
  } catch {
    return undefined;
  }
  const context = await app.getContext();
  app.notifySuccess();
  return {
    theme: asTheme(context.app.theme),
    onTheme: (handler) => app.registerOnThemeChangeHandler((t) => handler(asTheme(t))),
    token: () => authentication.getAuthToken(),
    frameContext: String(context.page.frameContext ?? 'content'),
    ...(context.page.id ? { entityId: context.page.id } : {}),
    ...(context.chat?.id ? { chatId: context.chat.id } : {}),
  };
}

/** Saves the meeting tab (side panel and meeting chat): it shows the roll call of the meeting it is in. */
export async function saveMeetingTab(): Promise<void> {
  const { pages } = await import('@microsoft/teams-js');
  const base = window.location.origin;
  pages.config.registerOnSaveHandler((save) => {
    void pages.config
      .setConfig({
        entityId: 'meeting',
        contentUrl: `${base}/#/meeting`,
        websiteUrl: `${base}/#/meeting`,
        suggestedDisplayName: 'Quorum: roll call',
      })
      .then(() => save.notifySuccess());
  });
  pages.config.setValidityState(true);
}

/** Saves a channel or group-chat tab for one committee. */
export async function saveTabFor(committee: { id: string; shortName: string }): Promise<void> {
  const { pages } = await import('@microsoft/teams-js');
  const base = window.location.origin;
  pages.config.registerOnSaveHandler((save) => {
    void pages.config
      .setConfig({
        entityId: committee.id,
        contentUrl: `${base}/#/c/${encodeURIComponent(committee.id)}`,
        websiteUrl: `${base}/#/c/${encodeURIComponent(committee.id)}`,
        suggestedDisplayName: `Quorum: ${committee.shortName}`,
      })
      .then(() => save.notifySuccess());
  });
  pages.config.setValidityState(true);
}
