import fc from 'fast-check';
import {
  previewSecret,
  signPreviewToken,
  verifyPreviewToken,
  type PreviewClaims,
} from '../../src/lib/preview/token';

const SECRET = previewSecret(['key-one', 'key-two']);
const NOW = 1_800_000_000;
const CLAIMS: PreviewClaims = {
  uid: 'api::city.city',
  documentId: 'h7x0k2v9q1w3e5r7t9y1u3i5',
  locale: 'de',
  exp: NOW + 600,
};

describe('preview tokens', () => {
  it('accept what they signed, until they expire', () => {
    const token = signPreviewToken(CLAIMS, SECRET);
    expect(verifyPreviewToken(token, SECRET, NOW)).toEqual({ valid: true, claims: CLAIMS });
    expect(verifyPreviewToken(token, SECRET, NOW + 599).valid).toBe(true);
    expect(verifyPreviewToken(token, SECRET, NOW + 600)).toEqual({
      valid: false,
      reason: 'expired',
      claims: CLAIMS,
    });
  });

  it('are refused under another secret (other APP_KEYS)', () => {
    const token = signPreviewToken(CLAIMS, previewSecret(['another-key']));
    expect(verifyPreviewToken(token, SECRET, NOW)).toEqual({ valid: false, reason: 'signature' });
  });

  it('are refused when malformed, without throwing', () => {
    for (const token of ['', 'abc', 'a.b.c', 'a b.c', '.', `${'a'.repeat(2000)}.b`]) {
      expect(verifyPreviewToken(token, SECRET, NOW).valid).toBe(false);
    }
  });

  it('refuse a token whose claims were re-signed by nobody (payload swapped, signature kept)', () => {
    const token = signPreviewToken(CLAIMS, SECRET);
    const other = signPreviewToken({ ...CLAIMS, documentId: 'another-document-id-000000' }, SECRET);
    const forged = `${other.split('.')[0]}.${token.split('.')[1]}`;
    expect(verifyPreviewToken(forged, SECRET, NOW)).toEqual({ valid: false, reason: 'signature' });
  });

  it('refuse any change of a signed token (property)', () => {
    const claims = fc.record({
      uid: fc.constantFrom('api::city.city', 'api::network.network', 'api::country.country'),
      documentId: fc.string({ minLength: 1, maxLength: 30 }),
      locale: fc.constantFrom('de', 'en', 'fr'),
      exp: fc.integer({ min: NOW + 1, max: NOW + 86_400 }),
    });
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.';
    fc.assert(
      fc.property(
        claims,
        fc.nat(),
        fc.nat({ max: alphabet.length - 1 }),
        (signed, position, replacement) => {
          const token = signPreviewToken(signed, SECRET);
          const index = position % token.length;
          const character = alphabet[replacement];
          fc.pre(token[index] !== character);
          const altered = token.slice(0, index) + character + token.slice(index + 1);
          expect(verifyPreviewToken(altered, SECRET, NOW).valid).toBe(false);
          expect(verifyPreviewToken(token, SECRET, NOW)).toEqual({ valid: true, claims: signed });
        }
      ),
      { numRuns: 500 }
    );
  });

  it('need APP_KEYS', () => {
    expect(() => previewSecret([])).toThrow(/APP_KEYS/);
  });
});
