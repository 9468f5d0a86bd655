/** A locale's state as a coloured badge: default (the source), launched, or unlaunched. */
import { Badge } from '@strapi/design-system';
import { useIntl } from 'react-intl';
import type { LocaleState } from '../locales';
import { getTranslation } from '../pluginId';

export function LocaleStateBadge({
  locale,
}: {
  locale: Pick<LocaleState, 'isDefault' | 'launched'>;
}) {
  const { formatMessage } = useIntl();
  const [state, background, text, fallback] = locale.isDefault
    ? (['default', 'primary100', 'primary700', 'default'] as const)
    : locale.launched
      ? (['launched', 'success100', 'success700', 'launched'] as const)
      : (['unlaunched', 'warning100', 'warning700', 'unlaunched'] as const);
  return (
    <Badge backgroundColor={background} textColor={text} data-locale-state={state}>
      {formatMessage({ id: getTranslation(`locales.state.${state}`), defaultMessage: fallback })}
    </Badge>
  );
}
