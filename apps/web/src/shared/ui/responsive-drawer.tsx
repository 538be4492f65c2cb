import type { ReactNode } from 'react';
import { Drawer } from 'antd';
import { useIsMobile } from '../hooks/use-is-mobile.ts';

interface ResponsiveDrawerProps {
  open: boolean;
  title: ReactNode;
  onClose: () => void;
  children: ReactNode;
  footer?: ReactNode;
  /** Width on desktop; phones always get the full width. */
  width?: number;
  extra?: ReactNode;
}

export function ResponsiveDrawer({ open, title, onClose, children, footer, width = 560, extra }: ResponsiveDrawerProps) {
  const isMobile = useIsMobile();
  return (
    <Drawer open={open} title={title} onClose={onClose} size={isMobile ? '100%' : width} destroyOnHidden footer={footer} extra={extra}>
      {children}
    </Drawer>
  );
}
