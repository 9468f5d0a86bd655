/** The releases: a list with status and time, and a form to create one. */
import { useCallback, useEffect, useState, type FormEvent } from 'react';
import { Link } from 'react-router-dom';
import {
  Box,
  Button,
  Field,
  Flex,
  Table,
  Tbody,
  Td,
  Th,
  Thead,
  Tr,
  Typography,
} from '@strapi/design-system';
import { Layouts, Page, useFetchClient, useNotification } from '@strapi/strapi/admin';
import { useIntl } from 'react-intl';
import { errorMessage, formatTime, withLocalOffset, type Release } from '../api';
import { StatusBadge } from '../components/StatusBadge';
import { getTranslation } from '../pluginId';

export function ReleasesPage() {
  const { formatMessage, locale } = useIntl();
  const t = (id: string, defaultMessage: string, values?: Record<string, string | number>) =>
    formatMessage({ id: getTranslation(id), defaultMessage }, values);
  const { get, post } = useFetchClient();
  const { toggleNotification } = useNotification();
  const [releases, setReleases] = useState<Release[] | null>(null);
  const [failed, setFailed] = useState(false);
  const [name, setName] = useState('');
  const [scheduledAt, setScheduledAt] = useState('');

  const load = useCallback(() => {
    get<{ data: Release[] }>('/releases?pageSize=100')
      .then(({ data }) => setReleases(data.data))
      .catch(() => setFailed(true));
  }, [get]);
  useEffect(load, [load]);

  const create = async (event: FormEvent) => {
    event.preventDefault();
    try {
      await post('/releases', {
        data: { name, ...(scheduledAt ? { scheduledAt: withLocalOffset(scheduledAt) } : {}) },
      });
      setName('');
      setScheduledAt('');
      load();
    } catch (error) {
      toggleNotification({
        type: 'danger',
        message: t('error.generic', 'Something went wrong: {message}', {
          message: errorMessage(error),
        }),
      });
    }
  };

  return (
    <Page.Main>
      <Page.Title>{t('list.title', 'Releases')}</Page.Title>
      <Layouts.Header
        title={t('list.title', 'Releases')}
        subtitle={t(
          'list.subtitle',
          'Publish or unpublish many documents together, now or at a set time. All or nothing.'
        )}
      />
      <Layouts.Content>
        <Box background="neutral0" padding={6} shadow="filterShadow" hasRadius marginBottom={6}>
          <form onSubmit={create}>
            <Typography variant="delta" tag="h2">
              {t('create.title', 'New release')}
            </Typography>
            <Flex gap={4} alignItems="flex-end" paddingTop={4}>
              <Field.Root name="name" required>
                <Field.Label>{t('create.name', 'Name')}</Field.Label>
                <Field.Input
                  value={name}
                  onChange={(e: { target: { value: string } }) => setName(e.target.value)}
                />
              </Field.Root>
              <Field.Root name="scheduledAt">
                <Field.Label>
                  {t('create.scheduledAt', 'Publish at (optional, your time zone)')}
                </Field.Label>
                <Field.Input
                  type="datetime-local"
                  step={1}
                  value={scheduledAt}
                  onChange={(e: { target: { value: string } }) => setScheduledAt(e.target.value)}
                />
              </Field.Root>
              <Button type="submit" disabled={name.trim() === ''}>
                {t('create.submit', 'Create release')}
              </Button>
            </Flex>
          </form>
        </Box>
        {failed ? (
          <Typography textColor="danger600">
            {t('list.error', 'Could not load the releases')}
          </Typography>
        ) : releases && releases.length === 0 ? (
          <Typography>{t('list.empty', 'No releases yet.')}</Typography>
        ) : releases ? (
          <Table colCount={4} rowCount={releases.length + 1}>
            <Thead>
              <Tr>
                <Th>
                  <Typography variant="sigma">{t('column.name', 'Name')}</Typography>
                </Th>
                <Th>
                  <Typography variant="sigma">{t('column.status', 'Status')}</Typography>
                </Th>
                <Th>
                  <Typography variant="sigma">
                    {t('column.scheduledAt', 'Scheduled for')}
                  </Typography>
                </Th>
                <Th>
                  <Typography variant="sigma">{t('column.entries', 'Entries')}</Typography>
                </Th>
              </Tr>
            </Thead>
            <Tbody>
              {releases.map((release) => (
                <Tr key={release.id}>
                  <Td>
                    <Link to={String(release.id)}>
                      <Typography textColor="primary600">{release.name}</Typography>
                    </Link>
                  </Td>
                  <Td>
                    <StatusBadge status={release.status} />
                  </Td>
                  <Td>
                    <Typography>{formatTime(release.scheduledAt, locale)}</Typography>
                  </Td>
                  <Td>
                    <Typography>{release.entries.length}</Typography>
                  </Td>
                </Tr>
              ))}
            </Tbody>
          </Table>
        ) : (
          <Page.Loading />
        )}
      </Layouts.Content>
    </Page.Main>
  );
}
