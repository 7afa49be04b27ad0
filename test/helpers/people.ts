/** The demo's seeded customers the tests sign in as (the README's table). */
export const DANA = 'dana.whitfield@example.com';
export const PRIYA = 'priya.nair@harborpoint.example';
export const MARCUS = 'marcus.reyes@example.com';
