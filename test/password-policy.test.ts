import { expect } from 'chai';
import { passwordProblems } from '../backend/rules/password-policy.js';

describe('password policy', () => {
  const email = 'marcus.reyes@example.com';
  for (const common of ['password1234', 'passwordpassword', 'Password2026!!', 'qwertyqwerty12', 'letmein12345!', '123456789012', 'abcdefghijkl', '999999999999', 'iloveyou2026']) {
    it(`refuses "${common}" as common`, () => expect(passwordProblems(common, email)).to.include('COMMON'));
  }
  for (const fine of ['a quiet house on birch court', 'maple street furnace 1987', 'сосна у озера 🌲 зимой', 'Tr0ub4dor&3horse', 'password manager says hi']) {
    it(`accepts "${fine}"`, () => expect(passwordProblems(fine, email)).to.deep.equal([]));
  }
});
