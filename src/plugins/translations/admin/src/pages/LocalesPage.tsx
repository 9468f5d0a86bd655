/**
 * The "Languages" page (/admin/plugins/translations): every locale with its state, coverage and
 * fallback chain; add a locale, launch it (with a coverage threshold, or anyway), unlaunch it,
 * change its chain, remove it (its translations offered as an XLIFF download first). Every action
 * is one admin route of the `locales` service, the one `npm run i18n:locale` calls: same rules,
 * same messages.
 */
import { useCallback, useEffect, useState, type FormEvent } from 'react';
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
import { LocaleStateBadge } from '../components/LocaleStateBadge';
import { chainText, errorMessage, type LocaleState, type LocalesResponse } from '../locales';
import { getTranslation } from '../pluginId';

/** `en, de` → `['en', 'de']` (the server checks each code). */
const parseChain = (text: string): string[] =>
  text
    .split(',')
    .map((code) => code.trim())
    .filter((code) => code !== '');

/** Offers `xliff` as the file `<code>.xlf` to the browser's downloads. */
function download(code: string, xliff: string): void {
  const url = URL.createObjectURL(new Blob([xliff], { type: 'application/xliff+xml' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = `${code}.xlf`;
  document.body.append(link);
  link.click();
  link.remove();
  URL.revokeObjectURL(url);
}

type Values = Record<string, string | number>;

/** One locale's row: state, coverage per type, chain and the actions that fit its state. */
function LocaleRow({
  locale,
  t,
  run,
}: {
  locale: LocaleState;
  t: (id: string, defaultMessage: string, values?: Values) => string;
  run: (action: () => Promise<void>, done: string) => Promise<boolean>;
}) {
  const { post, put, del } = useFetchClient();
  const [chain, setChain] = useState(locale.fallback.join(', '));
  const [minCoverage, setMinCoverage] = useState('90');
  const [refusedLaunch, setRefusedLaunch] = useState(false);
  const [needsExport, setNeedsExport] = useState(false);
  useEffect(() => setChain(locale.fallback.join(', ')), [locale.fallback]);
  const path = `/translations/locales/${encodeURIComponent(locale.code)}`;
  const values = { code: locale.code };

  const launch = async (force: boolean) => {
    const ok = await run(
      async () => {
        await post(`${path}/launch`, { minCoverage: Number(minCoverage), force });
      },
      t('locales.launched', '{code} is launched', values)
    );
    setRefusedLaunch(!ok && !force);
  };
  const remove = async (withExport: boolean) => {
    const ok = await run(
      async () => {
        const { data } = await del<{ xliff?: string }>(withExport ? `${path}?export=true` : path);
        if (data.xliff !== undefined) download(locale.code, data.xliff);
      },
      t('locales.removed', '{code} is removed', values)
    );
    setNeedsExport(!ok && !withExport);
  };

  return (
    <Tr data-locale={locale.code}>
      <Td>
        <Typography fontWeight="bold">{locale.code}</Typography>
      </Td>
      <Td>
        <Typography>{locale.name}</Typography>
      </Td>
      <Td>
        <LocaleStateBadge locale={locale} />
      </Td>
      <Td>
        {locale.isDefault ? (
          <Typography>{t('locales.source', 'source of the translations')}</Typography>
        ) : (
          <Flex direction="column" alignItems="flex-start" gap={1}>
            <Typography data-coverage={locale.percent}>
              {t('locales.coverage', '{percent} % translated, {reviewed} % reviewed', {
                percent: locale.percent,
                reviewed: locale.reviewedPercent,
              })}
            </Typography>
            {locale.coverage.map((type) => (
              <Typography key={type.uid} variant="pi" textColor="neutral600">
                {t(
                  'locales.typeCoverage',
                  '{type}: {translated}/{total} translated, {reviewed} reviewed',
                  {
                    type: type.displayName,
                    translated: type.translated,
                    total: type.total,
                    reviewed: type.reviewed,
                  }
                )}
              </Typography>
            ))}
          </Flex>
        )}
      </Td>
      <Td>
        {locale.isDefault ? (
          <Typography>{chainText(locale)}</Typography>
        ) : (
          <Flex gap={2} alignItems="flex-end">
            <Field.Root name={`fallback-${locale.code}`}>
              <Field.Input
                aria-label={t('locales.chainOf', 'Fallback chain of {code}', values)}
                style={{ minWidth: '9em' }}
                value={chain}
                onChange={(e: { target: { value: string } }) => setChain(e.target.value)}
              />
            </Field.Root>
            <Button
              variant="secondary"
              disabled={chain === locale.fallback.join(', ')}
              onClick={() =>
                run(
                  async () => {
                    await put(`${path}/fallback`, { fallback: parseChain(chain) });
                  },
                  t('locales.chainSaved', 'The fallback chain of {code} is saved', values)
                )
              }
            >
              {t('locales.saveChain', 'Save')}
            </Button>
          </Flex>
        )}
      </Td>
      <Td>
        {locale.isDefault ? null : (
          <Flex direction="column" alignItems="flex-start" gap={2}>
            {locale.launched ? (
              <Button
                variant="tertiary"
                onClick={() =>
                  run(
                    async () => {
                      await post(`${path}/unlaunch`, {});
                    },
                    t('locales.unlaunched', '{code} is unlaunched', values)
                  )
                }
              >
                {t('locales.unlaunch', 'Unlaunch')}
              </Button>
            ) : (
              // Stacked, not side by side: the row of input and buttons overflowed the table's
              // last column on a 1280 px screen.
              <Flex direction="column" alignItems="flex-start" gap={2}>
                <Field.Root name={`min-coverage-${locale.code}`}>
                  <Field.Label>{t('locales.minCoverage', 'Minimum coverage (%)')}</Field.Label>
                  <Field.Input
                    style={{ width: '6em' }}
                    type="number"
                    min={0}
                    max={100}
                    value={minCoverage}
                    onChange={(e: { target: { value: string } }) => setMinCoverage(e.target.value)}
                  />
                </Field.Root>
                <Button onClick={() => launch(false)}>{t('locales.launch', 'Launch')}</Button>
                {refusedLaunch ? (
                  <Button variant="danger-light" onClick={() => launch(true)}>
                    {t('locales.force', 'Launch anyway')}
                  </Button>
                ) : null}
              </Flex>
            )}
            <Flex gap={2}>
              <Button variant="danger-light" onClick={() => remove(false)}>
                {t('locales.remove', 'Remove')}
              </Button>
              {needsExport ? (
                <Button variant="danger" onClick={() => remove(true)}>
                  {t('locales.exportAndRemove', 'Download XLIFF and remove')}
                </Button>
              ) : null}
            </Flex>
          </Flex>
        )}
      </Td>
    </Tr>
  );
}

function LocalesPage() {
  const { formatMessage } = useIntl();
  const t = (id: string, defaultMessage: string, values?: Values) =>
    formatMessage({ id: getTranslation(id), defaultMessage }, values);
  const { get, post } = useFetchClient();
  const { toggleNotification } = useNotification();
  const [locales, setLocales] = useState<LocaleState[] | null>(null);
  const [failed, setFailed] = useState(false);
  const [code, setCode] = useState('');
  const [name, setName] = useState('');
  const [chain, setChain] = useState('');

  const load = useCallback(() => {
    get<LocalesResponse>('/translations/locales')
      .then(({ data }) => setLocales(data.locales))
      .catch(() => setFailed(true));
  }, [get]);
  useEffect(load, [load]);

  /** Runs a change, reloads the list and says how it went; false when it was refused. */
  const run = async (action: () => Promise<void>, done: string): Promise<boolean> => {
    try {
      await action();
      toggleNotification({ type: 'success', message: done });
      return true;
    } catch (error) {
      toggleNotification({ type: 'danger', message: errorMessage(error, t) });
      return false;
    } finally {
      load();
    }
  };

  const add = async (event: FormEvent) => {
    event.preventDefault();
    const added = await run(
      async () => {
        await post('/translations/locales', {
          code: code.trim(),
          name,
          fallback: parseChain(chain),
        });
      },
      t('locales.added', '{code} is added, unlaunched', { code: code.trim() })
    );
    if (added) {
      setCode('');
      setName('');
      setChain('');
    }
  };

  return (
    <Page.Main>
      <Page.Title>{t('locales.title', 'Languages')}</Page.Title>
      <Layouts.Header
        title={t('locales.title', 'Languages')}
        subtitle={t(
          'locales.subtitle',
          'Add a language, translate it while it is unlaunched, launch it when it is ready. The public sees launched languages only.'
        )}
      />
      <Layouts.Content>
        <Box background="neutral0" padding={6} shadow="filterShadow" hasRadius marginBottom={6}>
          <form onSubmit={add}>
            <Typography variant="delta" tag="h2">
              {t('locales.add.title', 'Add a language')}
            </Typography>
            <Flex gap={4} alignItems="flex-end" paddingTop={4}>
              <Field.Root
                name="code"
                required
                hint={t('locales.add.codeHint', 'BCP 47, e.g. fr or fr-CA')}
              >
                <Field.Label>{t('locales.add.code', 'Code')}</Field.Label>
                <Field.Input
                  value={code}
                  onChange={(e: { target: { value: string } }) => setCode(e.target.value)}
                />
                <Field.Hint />
              </Field.Root>
              <Field.Root name="name" required hint={t('locales.add.nameHint', 'e.g. Französisch')}>
                <Field.Label>{t('locales.add.name', 'Name')}</Field.Label>
                <Field.Input
                  value={name}
                  onChange={(e: { target: { value: string } }) => setName(e.target.value)}
                />
                <Field.Hint />
              </Field.Root>
              <Field.Root
                name="fallback"
                hint={t('locales.add.chainHint', 'Launched languages, in order, e.g. en, de')}
              >
                <Field.Label>{t('locales.chain', 'Fallback chain')}</Field.Label>
                <Field.Input
                  value={chain}
                  onChange={(e: { target: { value: string } }) => setChain(e.target.value)}
                />
                <Field.Hint />
              </Field.Root>
              <Button type="submit" disabled={code.trim() === '' || name.trim() === ''}>
                {t('locales.add.submit', 'Add language')}
              </Button>
            </Flex>
          </form>
        </Box>
        {failed ? (
          <Typography textColor="danger600">
            {t('locales.error', 'Could not load the languages')}
          </Typography>
        ) : locales ? (
          <Table colCount={6} rowCount={locales.length + 1}>
            <Thead>
              <Tr>
                <Th>
                  <Typography variant="sigma">{t('locales.column.code', 'Code')}</Typography>
                </Th>
                <Th>
                  <Typography variant="sigma">{t('locales.column.name', 'Name')}</Typography>
                </Th>
                <Th>
                  <Typography variant="sigma">{t('locales.column.state', 'State')}</Typography>
                </Th>
                <Th>
                  <Typography variant="sigma">
                    {t('locales.column.coverage', 'Coverage')}
                  </Typography>
                </Th>
                <Th>
                  <Typography variant="sigma">{t('locales.chain', 'Fallback chain')}</Typography>
                </Th>
                <Th>
                  <Typography variant="sigma">{t('locales.column.actions', 'Actions')}</Typography>
                </Th>
              </Tr>
            </Thead>
            <Tbody>
              {locales.map((locale) => (
                <LocaleRow key={locale.code} locale={locale} t={t} run={run} />
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

export default LocalesPage;
