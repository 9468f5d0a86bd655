/**
 * Home-page widget: translated / outdated / missing per localized type and target locale, from
 * the plugin's admin route /translations/status (admin JWT), served by the same status service as
 * the content API and `npm run i18n:status`.
 */
import { useEffect, useState } from 'react';
import { Link } from 'react-router-dom';
import { Box, Flex, Table, Tbody, Td, Th, Thead, Tr, Typography } from '@strapi/design-system';
import { useFetchClient, Widget } from '@strapi/strapi/admin';
import { useIntl } from 'react-intl';
import type { ReviewCounts } from '../../../server/src/lib/review';
import type { LocaleCounts } from '../../../server/src/lib/status';
import { getTranslation } from '../pluginId';

type Counts = LocaleCounts & { review?: ReviewCounts };

interface StatusResponse {
  sourceLocale: string;
  types: Array<{ uid: string; displayName: string; kind: string; locales: Counts[] }>;
}

/** The content-manager list of a type in one locale (single types open their edit view). */
function listUrl(uid: string, locale: string, singleType: boolean): string {
  const kind = singleType ? 'single-types' : 'collection-types';
  return `/content-manager/${kind}/${uid}?plugins[i18n][locale]=${encodeURIComponent(locale)}`;
}

export function TranslationStatusWidget() {
  const { formatMessage } = useIntl();
  const message = (id: string, defaultMessage: string, values?: Record<string, number>) =>
    formatMessage({ id: getTranslation(id), defaultMessage }, values);
  const { get } = useFetchClient();
  const [status, setStatus] = useState<StatusResponse | null>(null);
  const [failed, setFailed] = useState(false);

  useEffect(() => {
    let active = true;
    get<StatusResponse>('/translations/status?documents=false')
      .then(({ data }) => active && setStatus(data))
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
  if (!status) return <Widget.Loading />;
  if (status.types.length === 0)
    return <Widget.NoData>{message('widget.empty', 'No localized content types')}</Widget.NoData>;

  return (
    <Box>
      <Table colCount={6} rowCount={status.types.length + 1}>
        <Thead>
          <Tr>
            <Th>
              <Typography variant="sigma">{message('widget.type', 'Type')}</Typography>
            </Th>
            <Th>
              <Typography variant="sigma">{message('widget.locale', 'Locale')}</Typography>
            </Th>
            <Th>
              <Typography variant="sigma">{message('widget.translated', 'Translated')}</Typography>
            </Th>
            <Th>
              <Typography variant="sigma">{message('widget.outdated', 'Outdated')}</Typography>
            </Th>
            <Th>
              <Typography variant="sigma">{message('widget.missing', 'Missing')}</Typography>
            </Th>
            <Th>
              <Typography variant="sigma">
                {message('widget.review', 'In translation · translated · reviewed · published')}
              </Typography>
            </Th>
          </Tr>
        </Thead>
        <Tbody>
          {status.types.flatMap((type) =>
            type.locales.map((counts) => {
              const singleType = type.kind === 'singleType';
              return (
                <Tr key={`${type.uid}-${counts.locale}`}>
                  <Td>
                    <Link to={listUrl(type.uid, counts.locale, singleType)}>
                      <Typography textColor="primary600">{type.displayName}</Typography>
                    </Link>
                  </Td>
                  <Td>
                    <Typography>
                      {status.sourceLocale} → {counts.locale}
                    </Typography>
                  </Td>
                  <Td>
                    <Typography>
                      {counts.translated}/{counts.total} ({counts.percent}%)
                    </Typography>
                  </Td>
                  <Td>
                    <Flex gap={1}>
                      <Typography textColor={counts.outdated > 0 ? 'warning600' : undefined}>
                        {counts.outdated}
                      </Typography>
                      {counts.unknown > 0 ? (
                        <Typography textColor="neutral600">
                          {message('widget.unknown', '(+{count} unknown)', {
                            count: counts.unknown,
                          })}
                        </Typography>
                      ) : null}
                    </Flex>
                  </Td>
                  <Td>
                    <Link to={listUrl(type.uid, counts.locale, singleType)}>
                      <Typography textColor={counts.missing > 0 ? 'danger600' : undefined}>
                        {counts.missing}
                      </Typography>
                    </Link>
                  </Td>
                  <Td>
                    {counts.review ? (
                      <Typography>
                        {counts.review['in-translation']} · {counts.review.translated} ·{' '}
                        <Typography
                          textColor={counts.review.translated > 0 ? 'warning600' : undefined}
                        >
                          {counts.review.reviewed}
                        </Typography>{' '}
                        · {counts.review.published}
                      </Typography>
                    ) : null}
                  </Td>
                </Tr>
              );
            })
          )}
        </Tbody>
      </Table>
    </Box>
  );
}
