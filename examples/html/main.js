/* global document */
// Plain HTML: register the tags you use, then listen for their events anywhere above them. Every
// Porchlight event bubbles and crosses shadow roots, so `document` hears them all.
import 'porchlight/define/portal-provider.js';
import 'porchlight/define/portal-login.js';

const status = document.querySelector('[data-signed-in-status]');

document.addEventListener('portal-signed-in', (event) => {
  // textContent, never innerHTML: the email is the customer's own text.
  status.textContent = `Signed in as ${event.detail.email}.`;
});
document.addEventListener('portal-signed-out', () => {
  status.textContent = 'Not signed in.';
});
