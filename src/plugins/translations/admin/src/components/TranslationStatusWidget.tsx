/**
 * Home-page widget: every locale with its state (default, launched, unlaunched), coverage
 * (translated and reviewed) and fallback chain, then translated / outdated / missing per localized
 * type and target locale. One request to the plugin's admin route /translations/locales (admin
 * JWT), served by the same `locales` service as the "Languages" page and `npm run i18n:locale`.
 */
import { useEffect, useState } from 'react';
import { Link } from 'react-router-dom';
import { Box, Flex, Table, Tbody, Td, Th, Thead, Tr, Typography } from '@strapi/design-system';
import { useFetchClient, Widget } from '@strapi/strapi/admin';
import { useIntl } from 'react-intl';
import { chainText, type LocaleState, type LocalesResponse } from '../locales';
import { getTranslation } from '../pluginId';
import { LocaleStateBadge } from './LocaleStateBadge';

/** The content-manager list of a type in one locale (single types open their edit view). */
function listUrl(uid: string, locale: string, singleType: boolean): string {
  const kind = singleType ? 'single-types' : 'collection-types';
  return `/content-manager/${kind}/${uid}?plugins[i18n][locale]=${encodeURIComponent(locale)}`;
}

/** A locale's name with its code, unless the name has it already ("Deutsch (de)"). */
const labelOf = ({ code, name }: LocaleState): string =>
  name.includes(`(${code})`) ? name : `${name} (${code})`;

function Heading({ children }: { children: string }) {
  return (
    <Th>
      <Typography variant="sigma">{children}</Typography>
    </Th>
  );
}

export function TranslationStatusWidget() {
  const { formatMessage } = useIntl();
  const message = (id: string, defaultMessage: string, values?: Record<string, number | string>) =>
    formatMessage({ id: getTranslation(id), defaultMessage }, values);
  const { get } = useFetchClient();
  const [locales, setLocales] = useState<LocaleState[] | null>(null);
  const [failed, setFailed] = useState(false);

  useEffect(() => {
    let active = true;
    get<LocalesResponse>('/translations/locales')
      .then(({ data }) => active && setLocales(data.locales))
      .catch(() => active && setFailed(true));
    return () => {
      active = false;
    };
  }, [get]);

  if (failed)
    return (
      <Widget.Error>
        {message('widget.error', 'Could not load the translation status')}
      </Widget.Error>
    );
  if (!locales) return <Widget.Loading />;
  const source = locales.find((locale) => locale.isDefault)?.code ?? '';
  const targets = locales.filter((locale) => !locale.isDefault);
  const rows = targets.flatMap((locale) =>
    locale.coverage.map((type) => ({ locale: locale.code, type }))
  );

  return (
    <Box>
      <Table colCount={3} rowCount={locales.length + 1}>
        <Thead>
          <Tr>
            <Heading>{message('widget.locale', 'Locale')}</Heading>
            <Heading>{message('widget.coverage', 'Translated · reviewed')}</Heading>
            <Heading>{message('widget.fallback', 'Fallback')}</Heading>
          </Tr>
        </Thead>
        <Tbody>
          {locales.map((locale) => (
            <Tr key={locale.code} data-locale={locale.code}>
              <Td>
                <Flex gap={2}>
                  <Typography>{labelOf(locale)}</Typography>
                  <LocaleStateBadge locale={locale} />
                </Flex>
              </Td>
              <Td>
                <Typography>
                  {locale.isDefault
                    ? message('widget.source', 'source')
                    : `${locale.percent} % · ${locale.reviewedPercent} %`}
                </Typography>
              </Td>
              <Td>
                <Typography>{chainText(locale)}</Typography>
              </Td>
            </Tr>
          ))}
        </Tbody>
      </Table>
      {rows.length === 0 ? (
        <Box paddingTop={4}>
          <Typography>{message('widget.empty', 'No localized content types')}</Typography>
        </Box>
      ) : (
        <Box paddingTop={4}>
          <Table colCount={6} rowCount={rows.length + 1}>
            <Thead>
              <Tr>
                <Heading>{message('widget.type', 'Type')}</Heading>
                <Heading>{message('widget.locale', 'Locale')}</Heading>
                <Heading>{message('widget.translated', 'Translated')}</Heading>
                <Heading>{message('widget.outdated', 'Outdated')}</Heading>
                <Heading>{message('widget.missing', 'Missing')}</Heading>
                <Heading>
                  {message('widget.review', 'In translation · translated · reviewed · published')}
                </Heading>
              </Tr>
            </Thead>
            <Tbody>
              {rows.map(({ locale, type }) => {
                const singleType = type.kind === 'singleType';
                return (
                  <Tr key={`${type.uid}-${locale}`}>
                    <Td>
                      <Link to={listUrl(type.uid, locale, singleType)}>
                        <Typography textColor="primary600">{type.displayName}</Typography>
                      </Link>
                    </Td>
                    <Td>
                      <Typography>
                        {source} → {locale}
                      </Typography>
                    </Td>
                    <Td>
                      <Typography>
                        {type.translated}/{type.total} ({type.percent}%)
                      </Typography>
                    </Td>
                    <Td>
                      <Flex gap={1}>
                        <Typography textColor={type.outdated > 0 ? 'warning600' : undefined}>
                          {type.outdated}
                        </Typography>
                        {type.unknown > 0 ? (
                          <Typography textColor="neutral600">
                            {message('widget.unknown', '(+{count} unknown)', {
                              count: type.unknown,
                            })}
                          </Typography>
                        ) : null}
                      </Flex>
                    </Td>
                    <Td>
                      <Link to={listUrl(type.uid, locale, singleType)}>
                        <Typography textColor={type.missing > 0 ? 'danger600' : undefined}>
                          {type.missing}
                        </Typography>
                      </Link>
                    </Td>
                    <Td>
                      <Typography>
                        {type.review['in-translation']} · {type.review.translated} ·{' '}
                        <Typography
                          textColor={type.review.translated > 0 ? 'warning600' : undefined}
                        >
                          {type.review.reviewed}
                        </Typography>{' '}
                        · {type.review.published}
                      </Typography>
                    </Td>
                  </Tr>
                );
              })}
            </Tbody>
          </Table>
        </Box>
      )}
    </Box>
  );
}
