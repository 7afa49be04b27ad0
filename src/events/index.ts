export * from './portal-signed-in.js';
export * from './portal-signed-out.js';
export * from './portal-password-reset.js';
export * from './portal-account-changed.js';
export * from './portal-appointment-requested.js';
export * from './portal-document-download.js';
export * from './portal-payment-succeeded.js';
export * from './portal-payment-failed.js';
