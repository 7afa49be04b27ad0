// Vue 3: tell the template compiler that portal-* tags are custom elements (not Vue components),
// then bind as usual: `@portal-signed-in` listens to the event, attributes pass as attributes, and
// `.prop` modifiers (e.g. `:adapter.prop="myAdapter"`) set properties. In a single-file-component
// project the same option goes to the Vue plugin instead: see docs/frameworks.md.
import { createApp, ref, type App } from 'vue';
import type { PortalSignedInEvent } from 'porchlight';
import 'porchlight/define/portal-provider.js';
import 'porchlight/define/portal-login.js';

export interface ExampleOptions {
  /** Where the REST contract answers (porchlight-server, or your own backend). */
  apiBase?: string;
  /** Called with every sign-in, after the app's own state has it. */
  onSignedIn?: (event: PortalSignedInEvent) => void;
}

/** Mounts the example into `container` (the page's #app, or a test's own element). */
export function mount(container: Element, { apiBase = '/api', onSignedIn }: ExampleOptions = {}): App {
  const app = createApp({
    setup() {
      const email = ref<string | null>(null);
      function signedIn(event: PortalSignedInEvent) {
        email.value = event.detail.email;
        // The invoices' code loads only once someone signs in.
        void import('porchlight/define/portal-invoices.js');
        onSignedIn?.(event);
      }
      return { apiBase, email, signedIn };
    },
    // Vue escapes {{ }} text: the email shows as text, never as HTML.
    template: `
      <main>
        <h1>Acme Plumbing: your account</h1>
        <p role="status">{{ email ? 'Signed in as ' + email + '.' : 'Not signed in.' }}</p>
        <portal-provider :api-base="apiBase">
          <portal-login @portal-signed-in="signedIn" @portal-signed-out="email = null"></portal-login>
          <portal-invoices v-if="email" page-size="10"></portal-invoices>
        </portal-provider>
      </main>`,
  });
  // Vue's in-browser compiler takes tags registered by then for custom elements by itself; this covers
  // the ones registered later (<portal-invoices>, loaded on sign-in) and every tag in a build-time compile.
  app.config.compilerOptions.isCustomElement = (tag) => tag.startsWith('portal-');
  app.mount(container);
  return app;
}

const pageRoot = document.getElementById('app');
if (pageRoot) mount(pageRoot);
