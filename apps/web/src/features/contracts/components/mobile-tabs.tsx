import { useEffect, useRef, type ReactNode } from 'react';

interface Item<K extends string> {
  key: K;
  label: ReactNode;
  children: ReactNode;
}

/**
 * Phones: the sections as a row of buttons that scrolls sideways under the finger, and the chosen
 * section below. (antd's tab bar moves its tabs on press when they overflow, so a tap can land on
 * the neighbour.)
 */
export function MobileTabs<K extends string>({
  items,
  activeKey,
  onChange,
}: {
  items: Item<K>[];
  activeKey: K;
  onChange: (key: K) => void;
}) {
  const bar = useRef<HTMLDivElement>(null);
  // Keep the chosen section's button in view once it is chosen.
  useEffect(() => {
    const el = bar.current?.querySelector<HTMLElement>('.is-active');
    if (el && bar.current) bar.current.scrollLeft = el.offsetLeft - (bar.current.clientWidth - el.clientWidth) / 2;
  }, [activeKey]);
  const active = items.find((i) => i.key === activeKey) ?? items[0];
  return (
    <div data-testid="contract-tabs">
      <div className="contract-mobile-tabs" role="tablist" ref={bar}>
        {items.map((i) => (
          <button
            key={i.key}
            type="button"
            role="tab"
            aria-selected={i.key === activeKey}
            className={i.key === activeKey ? 'contract-mobile-tab is-active' : 'contract-mobile-tab'}
            onClick={() => onChange(i.key)}
          >
            {i.label}
          </button>
        ))}
      </div>
      <div role="tabpanel" style={{ paddingTop: 12 }}>
        {active?.children}
      </div>
    </div>
  );
}
