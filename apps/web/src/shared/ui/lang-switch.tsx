import { Button, Dropdown } from 'antd';
import { GlobalOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { SUPPORTED_LANGUAGES, currentLanguage, setLanguage, type Language } from '../i18n/i18n.ts';

interface LangSwitchProps {
  /** After the UI switched: e.g. store the choice on the server. */
  onChange?: (language: Language) => void;
  /** Icon only (narrow headers). */
  compact?: boolean;
  type?: 'text' | 'default';
}

/** 中文 / English. The trigger carries data-testid="lang-switch", each option "lang-option-<tag>". */
export function LangSwitch({ onChange, compact = false, type = 'text' }: LangSwitchProps) {
  const { t, i18n } = useTranslation();
  const active = currentLanguage();
  return (
    <Dropdown
      trigger={['click']}
      menu={{
        selectable: true,
        selectedKeys: [i18n.language],
        items: SUPPORTED_LANGUAGES.map((lng) => ({
          key: lng,
          label: <span data-testid={`lang-option-${lng}`}>{t(`lang.${lng}`)}</span>,
        })),
        onClick: ({ key }) => {
          const language = key as Language;
          if (language === currentLanguage()) return;
          void setLanguage(language).then(() => onChange?.(language));
        },
      }}
    >
      <Button type={type} icon={<GlobalOutlined />} data-testid="lang-switch" aria-label={t('lang.label')}>
        {compact ? null : t(`lang.${active}`)}
      </Button>
    </Dropdown>
  );
}
