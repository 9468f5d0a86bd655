import type { ComponentType, ReactNode } from 'react';
import type { StrapiApp } from '@strapi/strapi/admin';
import { Typography } from '@strapi/design-system';
import { YEAR_FIELD_NAME } from '../../custom-fields/year';

const YEAR_FIELD_UID = `global::${YEAR_FIELD_NAME}`;

/** The content manager's public hook for list-view columns (used the same way by i18n). */
const INJECT_COLUMN_IN_TABLE = 'Admin/CM/pages/ListView/inject-column-in-table';

interface ListHeader {
  name: string;
  attribute?: { type?: string; customField?: string };
  cellFormatter?: (row: Record<string, unknown>) => ReactNode;
}

/** Registers the year custom field's input (call from `register`). */
export function registerYearField(app: StrapiApp): void {
  app.customFields.register({
    name: YEAR_FIELD_NAME,
    type: 'integer',
    intlLabel: { id: 'ccn.year-field.label', defaultMessage: 'Year' },
    intlDescription: {
      id: 'ccn.year-field.description',
      defaultMessage: 'A year such as 2014, shown without a thousands separator',
    },
    components: {
      // Strapi types custom-field inputs as ComponentType<{}> and passes the field's props.
      Input: async () =>
        import('./YearInput').then(({ YearInput }) => ({
          default: YearInput as unknown as ComponentType,
        })),
    },
  });
}

/**
 * Shows year columns of list views as they are written (call from `bootstrap`, once the content
 * manager has created the hook): Strapi formats every integer cell with thousands separators.
 */
export function registerYearColumns(app: StrapiApp): void {
  app.registerHook(
    INJECT_COLUMN_IN_TABLE,
    ({ displayedHeaders, layout }: { displayedHeaders: ListHeader[]; layout: unknown }) => ({
      layout,
      displayedHeaders: displayedHeaders.map((header) =>
        header.attribute?.customField === YEAR_FIELD_UID
          ? {
              ...header,
              cellFormatter: (row: Record<string, unknown>) => (
                <Typography textColor="neutral800">{String(row[header.name] ?? '-')}</Typography>
              ),
            }
          : header
      ),
    })
  );
}
