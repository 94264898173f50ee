import { createRoot } from 'react-dom/client';
import { prefetch, setIdentity } from './api';
import { App } from './App';
import { storedLocalIdentity } from './SignIn';

// Outside Teams, with a person already chosen, the first reads start before React does.
if (window.parent === window) {
  const local = storedLocalIdentity();
  if (local) {
    setIdentity({ kind: 'local', aadObjectId: local });
    void prefetch('me');
    const [c, committeeId] = window.location.hash.replace(/^#\/?/, '').split('/');
    if (c === 'c' && committeeId)
      void prefetch(`committees/${encodeURIComponent(decodeURIComponent(committeeId))}/meetings`);
    else void prefetch('me/meetings');
  }
}

createRoot(document.getElementById('root') as HTMLElement).render(<App />);
