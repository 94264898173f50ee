import { startFirstReads } from './firstReads';
import { framed } from './framed';
import { storedLocalIdentity } from './localIdentity';

// Runs before the page's main script is even downloaded: outside Teams, with a person already
// chosen, the first screen's reads go out at once and overlap React's start-up instead of
// following it. (Inside Teams the token comes from teams-js, which main.js loads.)
if (!framed()) {
  const who = storedLocalIdentity();
  if (who)
    window.quorumEarly = startFirstReads(window.location.hash, who, (path) =>
      fetch(`/api/${path}`, { headers: { 'x-quorum-as': who } }),
    );
}
