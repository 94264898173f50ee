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
  };
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
