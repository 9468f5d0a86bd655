/**
 * Bulk action of the content manager's list view: adds the selected documents to a release (an
 * open one, or a new one), in the chosen locales, to publish or to unpublish.
 */
import { useEffect, useState } from 'react';
import {
  Button,
  Checkbox,
  Field,
  Flex,
  Modal,
  SingleSelect,
  SingleSelectOption,
  Typography,
} from '@strapi/design-system';
import { useFetchClient, useNotification } from '@strapi/strapi/admin';
import { useIntl } from 'react-intl';
import { errorMessage, OPEN, type Release } from '../api';
import { getTranslation } from '../pluginId';

interface ListDocument {
  documentId: string;
  locale?: string | null;
}

interface BulkActionProps {
  documents: ListDocument[];
  model: string;
}

const NEW = 'new';

function AddToReleaseForm({
  documents,
  model,
  onClose,
}: BulkActionProps & { onClose: () => void }) {
  const { formatMessage } = useIntl();
  const t = (id: string, defaultMessage: string, values?: Record<string, string | number>) =>
    formatMessage({ id: getTranslation(id), defaultMessage }, values);
  const { get, post } = useFetchClient();
  const { toggleNotification } = useNotification();
  // A localized type's list rows carry their locale; a type without locales has none.
  const localized = documents.some((document) => typeof document.locale === 'string');
  const [releases, setReleases] = useState<Release[]>([]);
  const [locales, setLocales] = useState<Array<{ code: string; name: string }>>([]);
  const [chosen, setChosen] = useState<string[]>(
    () => [...new Set(documents.map((document) => document.locale).filter(Boolean))] as string[]
  );
  const [target, setTarget] = useState<string>(NEW);
  const [name, setName] = useState('');
  const [action, setAction] = useState<'publish' | 'unpublish'>('publish');
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    get<{ data: Release[] }>('/releases?pageSize=100')
      .then(({ data }) => {
        const open = data.data.filter((release) => OPEN.includes(release.status));
        setReleases(open);
        if (open.length > 0) setTarget(String(open[0].id));
      })
      .catch(() => undefined);
    if (localized) {
      get<Array<{ code: string; name: string }>>('/i18n/locales')
        .then(({ data }) => setLocales(data))
        .catch(() => undefined);
    }
  }, [get, localized]);

  const submit = async () => {
    const entries = documents.flatMap((document) =>
      (localized ? chosen : [null]).map((locale) => ({
        uid: model,
        documentId: document.documentId,
        locale,
        action,
      }))
    );
    setBusy(true);
    try {
      const { data } =
        target === NEW
          ? await post<{ data: Release }>('/releases', { data: { name, entries } })
          : await post<{ data: Release }>(`/releases/${target}/entries`, { data: { entries } });
      toggleNotification({
        type: 'success',
        message: t('bulk.added', 'Added {count} entries to the release {name}.', {
          count: entries.length,
          name: data.data.name,
        }),
      });
      onClose();
    } catch (error) {
      toggleNotification({
        type: 'danger',
        message: t('error.generic', 'Something went wrong: {message}', {
          message: errorMessage(error),
        }),
      });
    } finally {
      setBusy(false);
    }
  };

  const ready = (target !== NEW || name.trim() !== '') && (!localized || chosen.length > 0);
  return (
    <>
      <Modal.Body>
        <Flex direction="column" alignItems="stretch" gap={4}>
          <Field.Root name="release">
            <Field.Label>{t('bulk.release', 'Release')}</Field.Label>
            <SingleSelect
              value={target}
              onChange={(value: string | number) => setTarget(String(value))}
            >
              {releases.map((release) => (
                <SingleSelectOption key={release.id} value={String(release.id)}>
                  {release.name}
                </SingleSelectOption>
              ))}
              <SingleSelectOption value={NEW}>
                {t('bulk.newRelease', 'New release…')}
              </SingleSelectOption>
            </SingleSelect>
          </Field.Root>
          {target === NEW ? (
            <Field.Root name="name" required>
              <Field.Label>{t('bulk.newName', 'Name of the new release')}</Field.Label>
              <Field.Input
                value={name}
                onChange={(e: { target: { value: string } }) => setName(e.target.value)}
              />
            </Field.Root>
          ) : null}
          {localized ? (
            <Flex direction="column" alignItems="stretch" gap={2}>
              <Typography variant="pi" fontWeight="bold">
                {t('bulk.locales', 'Locales')}
              </Typography>
              {locales.map((locale) => (
                <Checkbox
                  key={locale.code}
                  name={`locale-${locale.code}`}
                  checked={chosen.includes(locale.code)}
                  onCheckedChange={(checked: boolean | 'indeterminate') =>
                    setChosen((current) =>
                      checked === true
                        ? [...current, locale.code]
                        : current.filter((code) => code !== locale.code)
                    )
                  }
                >
                  {locale.name} ({locale.code})
                </Checkbox>
              ))}
            </Flex>
          ) : null}
          <Field.Root name="action">
            <Field.Label>{t('bulk.action', 'Action')}</Field.Label>
            <SingleSelect
              value={action}
              onChange={(value: string | number) =>
                setAction(value === 'unpublish' ? 'unpublish' : 'publish')
              }
            >
              <SingleSelectOption value="publish">
                {t('action.publish', 'Publish')}
              </SingleSelectOption>
              <SingleSelectOption value="unpublish">
                {t('action.unpublish', 'Unpublish')}
              </SingleSelectOption>
            </SingleSelect>
          </Field.Root>
        </Flex>
      </Modal.Body>
      <Modal.Footer>
        <Button variant="tertiary" onClick={onClose}>
          {t('bulk.cancel', 'Cancel')}
        </Button>
        <Button disabled={!ready || busy} onClick={submit}>
          {t('bulk.submit', 'Add')}
        </Button>
      </Modal.Footer>
    </>
  );
}

/** The bulk action's description for the content manager (`addBulkAction`). */
export function AddToReleaseAction({ documents, model }: BulkActionProps) {
  const { formatMessage } = useIntl();
  return {
    label: formatMessage({ id: getTranslation('bulk.label'), defaultMessage: 'Add to release' }),
    variant: 'tertiary' as const,
    dialog: {
      type: 'modal' as const,
      title: formatMessage(
        { id: getTranslation('bulk.title'), defaultMessage: 'Add {count} documents to a release' },
        { count: documents.length }
      ),
      content: ({ onClose }: { onClose: () => void }) => (
        <AddToReleaseForm documents={documents} model={model} onClose={onClose} />
      ),
    },
  };
}
