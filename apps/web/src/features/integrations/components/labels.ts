import { useTranslation } from 'react-i18next';

/** A system's name as people know it (企查查 …); its code for a system the catalogue does not name yet. */
export function useSystemLabel(): (system: string) => string {
  const { t, i18n } = useTranslation();
  return (system) =>
    i18n.exists(`integrations.system.${system}`) ? t(`integrations.system.${system}` as 'integrations.system.qcc') : system;
}

/** An operation's name; its code when the catalogue does not name it. */
export function useOperationLabel(): (operation: string) => string {
  const { t, i18n } = useTranslation();
  return (operation) =>
    i18n.exists(`integrations.operation.${operation}`)
      ? t(`integrations.operation.${operation}` as 'integrations.operation.fuzzy-search')
      : operation;
}
