// React 19 renders custom elements natively: a prop the element has is set as a property (objects
// and functions too), any other as an attribute, and `on<event-name>` listens to that event. The
// tags' prop and event types come from `porchlight/jsx`.
import { useState } from 'react';
import type { PortalSignedInEvent } from 'porchlight';
import type {} from 'porchlight/jsx';
import 'porchlight/define/portal-provider.js';
import 'porchlight/define/portal-login.js';
import 'porchlight/define/portal-invoices.js';

export interface AppProps {
  /** Where the REST contract answers (porchlight-server, or your own backend). */
  apiBase?: string;
  /** Called with every sign-in, after the app's own state has it. */
  onSignedIn?: (event: PortalSignedInEvent) => void;
}

export function App({ apiBase = '/api', onSignedIn }: AppProps) {
  const [email, setEmail] = useState<string | null>(null);

  return (
    <main>
      <h1>Acme Plumbing: your account</h1>
      <p role="status">{email ? `Signed in as ${email}.` : 'Not signed in.'}</p>
      <portal-provider api-base={apiBase}>
        <portal-login
          onportal-signed-in={(event) => {
            setEmail(event.detail.email);
            onSignedIn?.(event);
          }}
          onportal-signed-out={() => setEmail(null)}
        />
        {email && <portal-invoices page-size={10} />}
      </portal-provider>
    </main>
  );
}
