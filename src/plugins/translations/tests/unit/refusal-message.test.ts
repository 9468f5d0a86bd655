/**
 * The languages page's notification for a refused change: the server's reason in the admin's
 * language, with the server's (English) message where there is no reason or no translation.
 */
import { ReactIntlErrorCode, createIntl } from 'react-intl';
import { errorMessage, type Translate } from '../../admin/src/locales';
import de from '../../admin/src/translations/de.json';
import en from '../../admin/src/translations/en.json';
import { REFUSAL_MESSAGES } from '../../admin/src/translations/refusal-messages';
import { REFUSAL_REASONS } from '../../admin/src/refusal-reasons';

/** The page's `t` over one of the plugin's translation files (ids without the plugin prefix). */
function translator(messages: Record<string, string>): Translate {
  const intl = createIntl({
    locale: 'de',
    messages,
    onError: (error) => {
      if (error.code !== ReactIntlErrorCode.MISSING_TRANSLATION) throw error;
    },
  });
  return (id, defaultMessage, values) => intl.formatMessage({ id, defaultMessage }, values);
}

/** What the admin's fetch client rejects with for a 400 of Strapi's error shape. */
const refused = (message: string, details?: object) => ({
  response: { data: { error: { status: 400, name: 'ValidationError', message, details } } },
});

describe('errorMessage', () => {
  it('says a refusal with a reason in German on a German admin', () => {
    const error = refused('Locale "fr" is 12 % translated, below --min-coverage 90 %: …', {
      reason: 'belowCoverage',
      values: { code: 'fr', percent: '12', minCoverage: '90' },
    });
    expect(errorMessage(error, translator(de))).toBe(
      'fr ist zu 12 % übersetzt, unter dem Mindeststand von 90 %: weiter übersetzen oder trotzdem freischalten.'
    );
    expect(errorMessage(error, translator(en))).toBe(
      'fr is 12 % translated, below the minimum of 90 %: translate more, or launch anyway.'
    );
  });

  it("keeps the server's message without a reason, or for a reason it has no words for", () => {
    expect(errorMessage(refused('"minCoverage" must be a number.'), translator(de))).toBe(
      '"minCoverage" must be a number.'
    );
    expect(
      errorMessage(
        refused('Something new.', { reason: 'somethingNew', values: {} }),
        translator(de)
      )
    ).toBe('Something new.');
  });

  it('says what a network failure says', () => {
    expect(errorMessage(new Error('Network Error'), translator(de))).toBe('Network Error');
  });

  it('has words in German and English for exactly the listed reasons', () => {
    const reasons = (messages: Record<string, string>) =>
      Object.keys(messages)
        .filter((id) => id.startsWith('locales.refused.'))
        .map((id) => id.slice('locales.refused.'.length))
        .sort();
    expect(reasons(de)).toEqual([...REFUSAL_REASONS].sort());
    expect(reasons(en)).toEqual([...REFUSAL_REASONS].sort());
    for (const language of [REFUSAL_MESSAGES.de, REFUSAL_MESSAGES.en])
      for (const reason of REFUSAL_REASONS)
        expect(language[`locales.refused.${reason}`]).not.toBe('');
  });
});
