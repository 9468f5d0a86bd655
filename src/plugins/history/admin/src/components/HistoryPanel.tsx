/**
 * Edit-view side panel "History": the recorded versions of the locale being edited, newest
 * first. Opening one compares it field by field with the current draft (texts and blocks as a
 * word diff, computed by the server) and offers Restore, which writes it as the new draft.
 * Data from the plugin's admin routes under /history (admin JWT); the server checks the role's
 * read and update permissions for the type and locale.
 */
import { useCallback, useEffect, useState } from 'react';
import { Box, Button, Flex, Modal, Typography, VisuallyHidden } from '@strapi/design-system';
import { useFetchClient, useNotification, useQueryParams } from '@strapi/strapi/admin';
import { useIntl } from 'react-intl';
import type { FieldDiff } from '../../../server/src/lib/field-diff';
import type { Unrestorable } from '../../../server/src/lib/values';
import type { DiffPart } from '@creative-cities/word-diff';
import type { VersionDetail, VersionSummary } from '../../../server/src/services/versions';
import { getTranslation } from '../pluginId';

/** What Strapi passes to an edit-view side panel (PanelComponentProps of the content manager). */
export interface PanelProps {
  model: string;
  collectionType: string;
  documentId?: string;
  document?: { locale?: string | null; updatedAt?: string | null } & Record<string, unknown>;
}

/** What an edit-view side panel returns (PanelDescription of the content manager). */
export interface PanelDescription {
  title: string;
  content: React.ReactNode;
}

interface Query {
  plugins?: { i18n?: { locale?: string } };
}

interface Comparison {
  version: VersionDetail;
  fields: FieldDiff[];
  /** Edit-view label per field (the attribute name where there is none). */
  labels: Record<string, string>;
  canRestore: boolean;
}

type Message = (
  id: string,
  defaultMessage: string,
  values?: Record<string, string | number>
) => string;

/** Versions shown in the panel; older ones are counted. */
const SHOWN = 20;

/** Survives the reload after a restore, so the editor sees what happened. */
const RESTORED_KEY = 'history.restored';

const ACTION_TEXT: Record<VersionSummary['action'], string> = {
  create: 'created',
  update: 'edited',
  publish: 'published',
  unpublish: 'unpublished',
  discardDraft: 'draft discarded',
  delete: 'deleted',
};

function useMessage(): Message {
  const { formatMessage } = useIntl();
  return (id, defaultMessage, values) =>
    formatMessage({ id: getTranslation(id), defaultMessage }, values);
}

function authorOf(version: VersionSummary, message: Message): string {
  return version.author.kind === 'system'
    ? message('author.system', 'system: {name}', { name: version.author.name })
    : version.author.name;
}

/** Texts with their changes: insertions underlined on green, deletions struck through on red. */
function Diff({ parts, message }: { parts: DiffPart[]; message: Message }) {
  return (
    <Typography variant="omega" tag="p" style={{ whiteSpace: 'pre-wrap', lineHeight: 1.6 }}>
      {parts.map((part, index) => {
        if (part.op === 'equal') return <span key={index}>{part.text}</span>;
        const inserted = part.op === 'insert';
        return (
          <Box
            key={index}
            tag={inserted ? 'ins' : 'del'}
            background={inserted ? 'success100' : 'danger100'}
            color={inserted ? 'success700' : 'danger700'}
            style={{ textDecoration: inserted ? 'underline' : 'line-through' }}
            data-diff={part.op}
          >
            <VisuallyHidden>
              {inserted
                ? message('compare.inserted', 'added:')
                : message('compare.deleted', 'removed:')}{' '}
            </VisuallyHidden>
            {part.text}
          </Box>
        );
      })}
    </Typography>
  );
}

function shown(value: unknown, message: Message): string {
  if (value === null || value === undefined || (Array.isArray(value) && value.length === 0))
    return message('compare.empty', '(empty)');
  return typeof value === 'string' ? value : JSON.stringify(value, null, 1);
}

function FieldRow({
  field,
  label,
  message,
}: {
  field: FieldDiff;
  label: string;
  message: Message;
}) {
  return (
    <Box tag="li" paddingBottom={4} data-history-field={field.field}>
      <Typography variant="sigma" textColor="neutral600" tag="h3">
        {label}
      </Typography>
      {field.diff ? (
        <Diff parts={field.diff} message={message} />
      ) : (
        <Flex gap={4} alignItems="flex-start">
          <Box flex="1">
            <Typography variant="pi" textColor="neutral600">
              {message('compare.current', 'Current draft')}
            </Typography>
            <Typography variant="omega" tag="pre" style={{ whiteSpace: 'pre-wrap' }}>
              {shown(field.current, message)}
            </Typography>
          </Box>
          <Box flex="1">
            <Typography variant="pi" textColor="neutral600">
              {message('compare.version', 'This version')}
            </Typography>
            <Typography variant="omega" tag="pre" style={{ whiteSpace: 'pre-wrap' }}>
              {shown(field.version, message)}
            </Typography>
          </Box>
        </Flex>
      )}
    </Box>
  );
}

function CompareDialog({
  id,
  onClose,
  message,
}: {
  id: number;
  onClose: () => void;
  message: Message;
}) {
  const { formatDate } = useIntl();
  const { get, post } = useFetchClient();
  const { toggleNotification } = useNotification();
  const [comparison, setComparison] = useState<Comparison | null>(null);
  const [restoring, setRestoring] = useState(false);

  useEffect(() => {
    let current = true;
    get<{ data: Comparison }>(`/history/versions/${id}/compare`).then(
      ({ data }) => current && setComparison(data.data),
      () => {
        toggleNotification({ type: 'danger', message: message('panel.error', 'Error') });
        onClose();
      }
    );
    return () => {
      current = false;
    };
    // Loaded once per opened version (the callbacks are new on every render).
  }, [id, get]);

  const restore = async () => {
    setRestoring(true);
    try {
      const { data } = await post<{ meta: { notRestored: Unrestorable[] } }>(
        `/history/versions/${id}/restore`
      );
      const missing = data.meta.notRestored
        .map(
          (item) => `${item.field}${item.documentId ? ` (${item.documentId})` : ''}: ${item.reason}`
        )
        .join('; ');
      const text = [
        message('restore.done', 'Version #{id} restored as the draft.', { id }),
        missing ? message('restore.partly', 'Not restored: {items}', { items: missing }) : '',
      ]
        .filter(Boolean)
        .join(' ');
      // The edit form holds the old draft: load the page again and tell the editor there.
      window.sessionStorage.setItem(RESTORED_KEY, text);
      window.location.reload();
    } catch (failure) {
      const reason = (failure as { response?: { data?: { error?: { message?: string } } } })
        .response?.data?.error?.message;
      toggleNotification({
        type: 'danger',
        message: reason ?? message('restore.failed', 'The version could not be restored'),
      });
      setRestoring(false);
    }
  };

  const changed = comparison?.fields.filter((field) => field.changed) ?? [];
  const unchanged = (comparison?.fields.length ?? 0) - changed.length;
  const version = comparison?.version;
  return (
    <Modal.Root open onOpenChange={(open: boolean) => !open && onClose()}>
      <Modal.Content data-history-compare={id}>
        <Modal.Header>
          <Modal.Title>
            {message('compare.title', 'Version #{id} of {date}', {
              id,
              date: version
                ? formatDate(version.createdAt, { dateStyle: 'medium', timeStyle: 'short' })
                : '',
            })}
          </Modal.Title>
        </Modal.Header>
        <Modal.Body>
          {version ? (
            <Flex direction="column" alignItems="stretch" gap={4}>
              <Typography variant="omega" textColor="neutral600">
                {message('compare.by', '{action} ({status}) by {author}', {
                  action: message(`action.${version.action}`, ACTION_TEXT[version.action]),
                  status: message(`status.${version.status}`, version.status),
                  author: authorOf(version, message),
                })}
              </Typography>
              {changed.length === 0 ? (
                <Typography>{message('compare.same', 'Same as the current draft.')}</Typography>
              ) : (
                <>
                  <Typography variant="pi" textColor="neutral600" tag="p">
                    {message(
                      'compare.legend',
                      'From the current draft to this version: underlined = added, struck through = removed.'
                    )}
                  </Typography>
                  <Box tag="ul">
                    {changed.map((field) => (
                      <FieldRow
                        key={field.field}
                        field={field}
                        label={comparison?.labels[field.field] ?? field.field}
                        message={message}
                      />
                    ))}
                  </Box>
                </>
              )}
              {unchanged > 0 ? (
                <Typography variant="pi" textColor="neutral600">
                  {message('compare.unchanged', '{count} fields are the same in both.', {
                    count: unchanged,
                  })}
                </Typography>
              ) : null}
              {comparison && !comparison.canRestore ? (
                <Typography variant="pi" textColor="danger600">
                  {message('compare.noRestore', 'Your role may not edit this locale.')}
                </Typography>
              ) : null}
            </Flex>
          ) : null}
        </Modal.Body>
        <Modal.Footer>
          <Modal.Close>
            <Button variant="tertiary">{message('compare.close', 'Close')}</Button>
          </Modal.Close>
          <Button
            onClick={() => void restore()}
            disabled={!comparison?.canRestore || changed.length === 0 || restoring}
            loading={restoring}
            data-history-restore=""
          >
            {message('compare.restore', 'Restore as draft')}
          </Button>
        </Modal.Footer>
      </Modal.Content>
    </Modal.Root>
  );
}

function VersionList({
  versions,
  total,
  labels,
  message,
}: {
  versions: VersionSummary[];
  total: number;
  labels: Record<string, string>;
  message: Message;
}) {
  const { formatDate } = useIntl();
  const [open, setOpen] = useState<number | null>(null);
  if (versions.length === 0)
    return (
      <Typography textColor="neutral600">{message('panel.empty', 'No versions yet.')}</Typography>
    );
  return (
    <Box width="100%" data-history-panel="">
      <Box tag="ol">
        {versions.map((version) => (
          <Box tag="li" key={version.id} paddingBottom={2} data-history-version={version.id}>
            <button
              type="button"
              onClick={() => setOpen(version.id)}
              title={message('panel.open', 'Compare with the current draft')}
              style={{ all: 'unset', cursor: 'pointer', display: 'block', width: '100%' }}
            >
              <Flex justifyContent="space-between" gap={2}>
                <Typography variant="omega" fontWeight="semiBold">
                  {message(`action.${version.action}`, ACTION_TEXT[version.action])}
                  {version.status === 'published' && version.action !== 'publish'
                    ? ` (${message('status.published', 'published')})`
                    : ''}
                </Typography>
                <Typography variant="pi" textColor="neutral600">
                  {formatDate(version.createdAt, { dateStyle: 'short', timeStyle: 'short' })}
                </Typography>
              </Flex>
              <Typography variant="pi" textColor="neutral600" tag="p">
                {authorOf(version, message)}
                {version.restoredFrom !== null
                  ? ` · ${message('entry.restored', 'restored from #{id}', { id: version.restoredFrom })}`
                  : ''}
              </Typography>
              {version.changedFields.length > 0 ? (
                <Typography variant="pi" textColor="neutral500" tag="p" ellipsis>
                  {message('entry.fields', 'Changed: {fields}', {
                    fields: version.changedFields.map((field) => labels[field] ?? field).join(', '),
                  })}
                </Typography>
              ) : null}
            </button>
          </Box>
        ))}
      </Box>
      {total > versions.length ? (
        <Typography variant="pi" textColor="neutral600">
          {message('panel.more', '{count} older versions not shown', {
            count: total - versions.length,
          })}
        </Typography>
      ) : null}
      {open !== null ? (
        <CompareDialog id={open} onClose={() => setOpen(null)} message={message} />
      ) : null}
    </Box>
  );
}

/** The panel description: null (no panel) for a document not saved yet. */
export function HistoryPanel(props: PanelProps): PanelDescription | null {
  const message = useMessage();
  const [{ query }] = useQueryParams<Query>();
  const { model, documentId } = props;
  const locale = query.plugins?.i18n?.locale ?? props.document?.locale ?? undefined;
  // A save changes updatedAt: the list is loaded again.
  const revision = String(props.document?.updatedAt ?? '');
  const { get } = useFetchClient();
  const { toggleNotification } = useNotification();
  const [list, setList] = useState<{
    data: VersionSummary[];
    total: number;
    labels: Record<string, string>;
  } | null>(null);
  const [failed, setFailed] = useState<'no' | 'error' | 'no history'>('no');

  useEffect(() => {
    const restored = window.sessionStorage.getItem(RESTORED_KEY);
    if (restored === null) return;
    window.sessionStorage.removeItem(RESTORED_KEY);
    toggleNotification({ type: 'success', message: restored });
  }, [toggleNotification]);

  const load = useCallback(async () => {
    if (!documentId) return;
    try {
      const { data } = await get<{
        data: VersionSummary[];
        meta: { pagination: { total: number }; labels?: Record<string, string> };
      }>('/history/versions', {
        params: { uid: model, documentId, pageSize: SHOWN, ...(locale ? { locale } : {}) },
      });
      setList({
        data: data.data,
        total: data.meta.pagination.total,
        labels: data.meta.labels ?? {},
      });
      setFailed('no');
    } catch (failure) {
      // 400: a type without history (not selected in the config): no panel at all.
      const status = (failure as { response?: { status?: number } }).response?.status;
      setFailed(status === 400 ? 'no history' : 'error');
    }
  }, [get, model, documentId, locale]);

  useEffect(() => {
    void load();
  }, [load, revision]);

  if (!documentId || failed === 'no history') return null;
  const title = message('panel.title', 'History');
  if (failed === 'error')
    return {
      title,
      content: <Typography textColor="neutral600">{message('panel.error', 'Error')}</Typography>,
    };
  if (!list) return null;
  return {
    title,
    content: (
      <VersionList versions={list.data} total={list.total} labels={list.labels} message={message} />
    ),
  };
}
