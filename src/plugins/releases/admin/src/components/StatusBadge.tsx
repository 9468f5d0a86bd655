import { Badge } from '@strapi/design-system';
import { useIntl } from 'react-intl';
import type { ReleaseStatus } from '../api';
import { getTranslation } from '../pluginId';

const COLORS: Record<ReleaseStatus, { background: string; text: string }> = {
  pending: { background: 'neutral100', text: 'neutral700' },
  scheduled: { background: 'primary100', text: 'primary700' },
  running: { background: 'warning100', text: 'warning700' },
  done: { background: 'success100', text: 'success700' },
  failed: { background: 'danger100', text: 'danger700' },
};

/** A release's status as a coloured badge in the interface language. */
export function StatusBadge({ status }: { status: ReleaseStatus }) {
  const { formatMessage } = useIntl();
  return (
    <Badge backgroundColor={COLORS[status].background} textColor={COLORS[status].text}>
      {formatMessage({ id: getTranslation(`status.${status}`), defaultMessage: status })}
    </Badge>
  );
}
