/**
 * One release: its entries with each result and error, its time (schedule, unschedule), publish
 * now, delete. Changes only while the release is open (pending, scheduled, failed).
 */
import { useCallback, useEffect, useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router-dom';
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
  VisuallyHidden,
} from '@strapi/design-system';
import { Layouts, Page, useFetchClient, useNotification } from '@strapi/strapi/admin';
import { useIntl } from 'react-intl';
import { errorMessage, formatTime, OPEN, withLocalOffset, type Release } from '../api';
import { StatusBadge } from '../components/StatusBadge';
import { getTranslation } from '../pluginId';

/** The content-manager edit view of an entry's document in its locale. */
function editUrl(uid: string, documentId: string, locale: string | null): string {
  const query = locale ? `?plugins[i18n][locale]=${encodeURIComponent(locale)}` : '';
  return `/content-manager/collection-types/${uid}/${documentId}${query}`;
}

export function ReleasePage() {
  const { id } = useParams<{ id: string }>();
  const navigate = useNavigate();
  const { formatMessage, locale } = useIntl();
  const t = (key: string, defaultMessage: string, values?: Record<string, string | number>) =>
    formatMessage({ id: getTranslation(key), defaultMessage }, values);
  const { get, post, put, del } = useFetchClient();
  const { toggleNotification } = useNotification();
  const [release, setRelease] = useState<Release | null>(null);
  const [scheduledAt, setScheduledAt] = useState('');
  const [busy, setBusy] = useState(false);

  const load = useCallback(() => {
    get<{ data: Release }>(`/releases/${id}`)
      .then(({ data }) => setRelease(data.data))
      .catch((error: unknown) =>
        toggleNotification({ type: 'danger', message: errorMessage(error) })
      );
  }, [get, id, toggleNotification]);
  useEffect(load, [load]);

  // While it runs or waits for its time, look again now and then (the scheduler runs it).
  useEffect(() => {
    if (release?.status !== 'running' && release?.status !== 'scheduled') return undefined;
    const timer = setInterval(load, 2000);
    return () => clearInterval(timer);
  }, [release?.status, load]);

  const act = async (work: () => Promise<unknown>, success?: string) => {
    setBusy(true);
    try {
      await work();
      if (success) toggleNotification({ type: 'success', message: success });
    } catch (error) {
      const failed = (
        error as { response?: { data?: { error?: { details?: { release?: Release } } } } }
      ).response?.data?.error?.details?.release;
      if (failed) setRelease(failed);
      toggleNotification({
        type: 'danger',
        message: failed
          ? t('detail.failed', 'Nothing was published: {message}', { message: failed.error ?? '' })
          : t('error.generic', 'Something went wrong: {message}', { message: errorMessage(error) }),
      });
    } finally {
      setBusy(false);
      load();
    }
  };

  if (!release) return <Page.Loading />;
  const open = OPEN.includes(release.status);
  const update = (data: Record<string, unknown>) => put(`/releases/${release.id}`, { data });

  return (
    <Page.Main>
      <Page.Title>{release.name}</Page.Title>
      <Layouts.Header
        navigationAction={
          <Link to="..">
            <Typography textColor="primary600">{t('detail.back', 'All releases')}</Typography>
          </Link>
        }
        title={release.name}
        subtitle={
          <Flex justifyContent="flex-start">
            <StatusBadge status={release.status} />
          </Flex>
        }
        primaryAction={
          <Button
            disabled={!open || busy || release.entries.length === 0}
            onClick={() =>
              act(
                () => post(`/releases/${release.id}/publish`, {}),
                t('detail.done', 'Release published.')
              )
            }
          >
            {t('detail.publishNow', 'Publish now')}
          </Button>
        }
      />
      <Layouts.Content>
        <Flex direction="column" alignItems="stretch" gap={6}>
          <Box background="neutral0" padding={6} shadow="filterShadow" hasRadius>
            <Typography tag="p">
              {release.scheduledAt
                ? t('detail.scheduledFor', 'Publishes itself at {time}.', {
                    time: formatTime(release.scheduledAt, locale),
                  })
                : t('detail.notScheduled', 'Not scheduled: published when you press Publish now.')}
            </Typography>
            {release.error ? (
              <Typography tag="p" textColor="danger600">
                {release.error}
              </Typography>
            ) : null}
            {open ? (
              <Flex gap={4} alignItems="flex-end" paddingTop={4}>
                <Field.Root name="scheduledAt">
                  <Field.Label>{t('create.scheduledAt', 'Publish at')}</Field.Label>
                  <Field.Input
                    type="datetime-local"
                    step={1}
                    value={scheduledAt}
                    onChange={(e: { target: { value: string } }) => setScheduledAt(e.target.value)}
                  />
                </Field.Root>
                <Button
                  variant="secondary"
                  disabled={busy || scheduledAt === ''}
                  onClick={() =>
                    act(
                      () => update({ scheduledAt: withLocalOffset(scheduledAt) }),
                      t('detail.saved', 'Saved.')
                    )
                  }
                >
                  {t('detail.schedule', 'Schedule')}
                </Button>
                {release.scheduledAt ? (
                  <Button
                    variant="tertiary"
                    disabled={busy}
                    onClick={() =>
                      act(() => update({ scheduledAt: null }), t('detail.saved', 'Saved.'))
                    }
                  >
                    {t('detail.unschedule', 'Remove the time')}
                  </Button>
                ) : null}
                <Button
                  variant="danger-light"
                  disabled={busy}
                  onClick={() =>
                    act(async () => {
                      await del(`/releases/${release.id}`);
                      navigate('..');
                    })
                  }
                >
                  {t('detail.delete', 'Delete release')}
                </Button>
              </Flex>
            ) : null}
          </Box>
          {release.entries.length === 0 ? (
            <Typography>{t('detail.noEntries', 'No entries yet.')}</Typography>
          ) : (
            <Table colCount={6} rowCount={release.entries.length + 1}>
              <Thead>
                <Tr>
                  <Th>
                    <Typography variant="sigma">{t('column.type', 'Content type')}</Typography>
                  </Th>
                  <Th>
                    <Typography variant="sigma">{t('column.document', 'Document')}</Typography>
                  </Th>
                  <Th>
                    <Typography variant="sigma">{t('column.locale', 'Locale')}</Typography>
                  </Th>
                  <Th>
                    <Typography variant="sigma">{t('column.action', 'Action')}</Typography>
                  </Th>
                  <Th>
                    <Typography variant="sigma">{t('column.result', 'Result')}</Typography>
                  </Th>
                  <Th>
                    <VisuallyHidden>{t('detail.remove', 'Remove')}</VisuallyHidden>
                  </Th>
                </Tr>
              </Thead>
              <Tbody>
                {release.entries.map((entry, index) => (
                  <Tr key={`${entry.uid}-${entry.documentId}-${entry.locale ?? ''}`}>
                    <Td>
                      <Typography>{entry.uid}</Typography>
                    </Td>
                    <Td>
                      <Link to={editUrl(entry.uid, entry.documentId, entry.locale)}>
                        <Typography textColor="primary600">{entry.documentId}</Typography>
                      </Link>
                    </Td>
                    <Td>
                      <Typography>{entry.locale ?? '–'}</Typography>
                    </Td>
                    <Td>
                      <Typography>{t(`action.${entry.action}`, entry.action)}</Typography>
                    </Td>
                    <Td>
                      <Typography textColor={entry.result === 'failed' ? 'danger600' : undefined}>
                        {t(`result.${entry.result}`, entry.result)}
                        {entry.error ? `: ${entry.error}` : ''}
                      </Typography>
                    </Td>
                    <Td>
                      {open ? (
                        <Button
                          variant="ghost"
                          size="S"
                          disabled={busy}
                          onClick={() =>
                            act(() =>
                              update({
                                entries: release.entries
                                  .filter((_, other) => other !== index)
                                  .map(({ uid, documentId, locale: l, action }) => ({
                                    uid,
                                    documentId,
                                    locale: l,
                                    action,
                                  })),
                              })
                            )
                          }
                        >
                          {t('detail.remove', 'Remove')}
                        </Button>
                      ) : null}
                    </Td>
                  </Tr>
                ))}
              </Tbody>
            </Table>
          )}
        </Flex>
      </Layouts.Content>
    </Page.Main>
  );
}
