/**
 * Edit-view side panel "Translation" for a target-locale version of a localized type: the
 * translation state per field, the review state with the states this admin may set, and for each
 * outdated field the words that changed in the source since the translation was made. Data from
 * the plugin's admin routes GET /translations/changes and PUT /translations/state (admin JWT);
 * the server computes the diff and enforces who may set which state.
 */
import { useCallback, useEffect, useState } from 'react';
import { Box, Button, Flex, Typography, VisuallyHidden } from '@strapi/design-system';
import {
  unstable_useContentManagerContext as useContentManagerContext,
  useFetchClient,
  useNotification,
  useQueryParams,
} from '@strapi/strapi/admin';
import { useIntl } from 'react-intl';
import type { FieldChange, FieldState } from '../../../server/src/lib/field-changes';
import type { ReviewState } from '../../../server/src/lib/review';
import type { DiffPart } from '@creative-cities/word-diff';
import type { DocumentChanges } from '../../../server/src/services/source-diff';
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

type Message = (
  id: string,
  defaultMessage: string,
  values?: Record<string, string | number>
) => string;

const STATE_TEXT: Record<FieldState, [string, string]> = {
  translated: ['state.translated', 'up to date'],
  outdated: ['state.outdated', 'outdated'],
  missing: ['state.missing', 'missing'],
  unknown: ['state.unknown', 'unknown'],
};

const STATE_COLOR: Record<FieldState, string> = {
  translated: 'success600',
  outdated: 'warning600',
  missing: 'danger600',
  unknown: 'neutral600',
};

const REVIEW_TEXT: Record<ReviewState, [string, string]> = {
  untranslated: ['review.untranslated', 'untranslated'],
  'in-translation': ['review.in-translation', 'in translation'],
  translated: ['review.translated', 'translated'],
  reviewed: ['review.reviewed', 'reviewed'],
  published: ['review.published', 'published'],
};

/**
 * The source text with its changes: insertions underlined on green, deletions struck through on
 * red, and for screen readers (and without colour) announced in words.
 */
function Diff({ parts, message }: { parts: DiffPart[]; message: Message }) {
  return (
    <Typography variant="pi" tag="p" style={{ whiteSpace: 'pre-wrap', lineHeight: 1.6 }}>
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
                ? message('panel.diff.inserted', 'inserted:')
                : message('panel.diff.deleted', 'deleted:')}{' '}
            </VisuallyHidden>
            {part.text}
          </Box>
        );
      })}
    </Typography>
  );
}

function FieldRow({
  field,
  message,
}: {
  field: FieldChange & { label: string };
  message: Message;
}) {
  const [id, fallback] = STATE_TEXT[field.state];
  const place = [
    field.label,
    field.block !== null ? message('panel.block', 'block {number}', { number: field.block }) : null,
    field.block === null && field.path !== field.field
      ? field.path.slice(field.field.length + 1)
      : null,
  ]
    .filter(Boolean)
    .join(' · ');
  return (
    <Box tag="li" paddingBottom={2} data-field={field.path} data-state={field.state}>
      <Flex gap={2} justifyContent="space-between" alignItems="baseline">
        <Typography variant="omega" fontWeight="semiBold">
          {place}
          {field.removed ? ` ${message('panel.removed', '(removed from the source)')}` : ''}
        </Typography>
        <Typography variant="pi" fontWeight="bold" textColor={STATE_COLOR[field.state]}>
          {message(id, fallback)}
        </Typography>
      </Flex>
      {field.diff ? <Diff parts={field.diff} message={message} /> : null}
    </Box>
  );
}

function PanelContent({
  model,
  documentId,
  locale,
  changes,
  reload,
}: {
  model: string;
  documentId: string;
  locale: string;
  changes: DocumentChanges;
  reload: () => Promise<void>;
}) {
  const { formatMessage } = useIntl();
  const message: Message = (id, defaultMessage, values) =>
    formatMessage({ id: getTranslation(id), defaultMessage }, values);
  const { put } = useFetchClient();
  const { toggleNotification } = useNotification();
  const [saving, setSaving] = useState(false);

  const setState = async (state: ReviewState) => {
    setSaving(true);
    try {
      await put('/translations/state', { type: model, documentId, locale, state });
      toggleNotification({
        type: 'success',
        message: message('panel.review.saved', 'Review state set to "{state}"', {
          state: message(...REVIEW_TEXT[state]),
        }),
      });
      await reload();
    } catch (failure) {
      // The server names why (e.g. a translator asking for "reviewed"): show its words.
      const reason = (failure as { response?: { data?: { error?: { message?: string } } } })
        .response?.data?.error?.message;
      toggleNotification({
        type: 'danger',
        message: reason ?? message('panel.review.failed', 'The review state could not be set'),
      });
    } finally {
      setSaving(false);
    }
  };

  const outdated = changes.fields.filter((field) => field.state !== 'translated');
  const upToDate = changes.fields.length - outdated.length;
  return (
    <Flex direction="column" alignItems="stretch" gap={3} width="100%" data-translation-panel="">
      <Typography variant="pi" textColor="neutral600">
        {message('panel.source', 'Source: {source} → {target}', {
          source: changes.sourceLocale,
          target: changes.locale,
        })}
      </Typography>
      {changes.state ? (
        <Typography variant="omega" data-document-state={changes.state}>
          {message('panel.state', 'Translation: {state}', {
            state: message(...STATE_TEXT[changes.state === 'missing' ? 'missing' : changes.state]),
          })}
        </Typography>
      ) : null}
      {changes.factsDiffer.length > 0 ? (
        <Typography variant="omega" textColor="danger600" tag="p" data-facts-differ="">
          {message(
            'panel.factsDiffer',
            'Facts differ ({fields}): other linked entries than in {source} (npm run i18n:check)',
            {
              fields: changes.factsDiffer.map((fact) => fact.label).join(', '),
              source: changes.sourceLocale,
            }
          )}
        </Typography>
      ) : null}
      {changes.review ? (
        <Box>
          <Typography variant="omega" data-review-state={changes.review.state}>
            {message('panel.review.current', 'Review: {state}', {
              state: message(...REVIEW_TEXT[changes.review.state]),
            })}
          </Typography>
          {changes.review.allowed.length > 0 ? (
            <Flex
              role="group"
              aria-label={message('panel.review.set', 'Set the review state')}
              gap={1}
              wrap="wrap"
              paddingTop={2}
            >
              {changes.review.allowed.map((state) => (
                <Button
                  key={state}
                  size="S"
                  variant={state === 'reviewed' ? 'success-light' : 'tertiary'}
                  disabled={saving}
                  onClick={() => void setState(state)}
                  data-set-review={state}
                >
                  {message('panel.review.to', '→ {state}', {
                    state: message(...REVIEW_TEXT[state]),
                  })}
                </Button>
              ))}
            </Flex>
          ) : (
            <Typography variant="pi" textColor="neutral600" tag="p">
              {message('panel.review.none', 'Your role may not change this review state.')}
            </Typography>
          )}
        </Box>
      ) : null}
      {changes.fields.length > 0 ? (
        <Box>
          <Typography variant="sigma" textColor="neutral600" tag="h3">
            {message('panel.fields', 'Fields ({upToDate} of {total} up to date)', {
              upToDate,
              total: changes.fields.length,
            })}
          </Typography>
          <Box tag="ul" paddingTop={2}>
            {outdated.map((field) => (
              <FieldRow key={field.path} field={field} message={message} />
            ))}
          </Box>
          {outdated.some((field) => field.diff) ? (
            <Typography variant="pi" textColor="neutral600" tag="p">
              {message(
                'panel.diff.legend',
                'Changes in the {source} source since the translation: underlined = added, struck through = removed.',
                { source: changes.sourceLocale }
              )}
            </Typography>
          ) : null}
        </Box>
      ) : null}
    </Flex>
  );
}

/**
 * The panel description: null (no panel) for a type without i18n, a document not saved yet, or
 * the source locale (known once the server answered, so the panel appears with its data).
 */
export function TranslationPanel(props: PanelProps): PanelDescription | null {
  const { formatMessage } = useIntl();
  const [{ query }] = useQueryParams<Query>();
  const { contentType } = useContentManagerContext();
  const locale = query.plugins?.i18n?.locale ?? props.document?.locale ?? undefined;
  const localized = Boolean(
    (contentType as { pluginOptions?: { i18n?: { localized?: boolean } } } | undefined)
      ?.pluginOptions?.i18n?.localized
  );
  const { model, documentId } = props;
  // A save changes updatedAt: the states and diffs are loaded again.
  const revision = String(props.document?.updatedAt ?? '');
  const { get } = useFetchClient();
  const [changes, setChanges] = useState<DocumentChanges | null>(null);
  const [failed, setFailed] = useState(false);

  const load = useCallback(async () => {
    if (!localized || !documentId || !locale) return;
    try {
      const { data } = await get<DocumentChanges>('/translations/changes', {
        params: { type: model, documentId, locale },
      });
      setChanges(data);
      setFailed(false);
    } catch {
      setFailed(true);
    }
  }, [get, localized, model, documentId, locale]);

  useEffect(() => {
    void load();
  }, [load, revision]);

  if (!localized || !documentId || !locale) return null;
  const title = formatMessage({ id: getTranslation('panel.title'), defaultMessage: 'Translation' });
  if (failed)
    return {
      title,
      content: (
        <Typography textColor="danger600">
          {formatMessage({
            id: getTranslation('panel.error'),
            defaultMessage: 'Could not load the translation status',
          })}
        </Typography>
      ),
    };
  // Until the answer for this version arrives (or for the source locale) there is no panel.
  if (
    !changes ||
    changes.isSource ||
    changes.locale !== locale ||
    changes.documentId !== documentId
  )
    return null;
  return {
    title,
    content: (
      <PanelContent
        model={model}
        documentId={documentId}
        locale={locale}
        changes={changes}
        reload={load}
      />
    ),
  };
}
