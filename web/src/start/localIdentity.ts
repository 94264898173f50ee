const KEY = 'quorum.as';

/** The person chosen on this machine (local stack only): `?as=<Entra object id>` in the address, or the last choice. */
export function storedLocalIdentity(): string | undefined {
  const asked = new URLSearchParams(window.location.search).get('as');
  if (asked) sessionStorage.setItem(KEY, asked);
  return sessionStorage.getItem(KEY) ?? undefined;
}

/** Remembers the person chosen in the local sign-in picker for this browser tab. */
export const chooseLocalIdentity = (aadObjectId: string) => sessionStorage.setItem(KEY, aadObjectId);

export const forgetLocalIdentity = () => sessionStorage.removeItem(KEY);
