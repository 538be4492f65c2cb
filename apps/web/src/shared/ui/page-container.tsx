import type { ReactNode } from 'react';
import { Flex, Typography } from 'antd';

interface PageContainerProps {
  title: ReactNode;
  extra?: ReactNode;
  children: ReactNode;
}

/** Page title row (title left, actions right, wrapping on phones) above the page body. */
export function PageContainer({ title, extra, children }: PageContainerProps) {
  return (
    <div className="page-container">
      <Flex justify="space-between" align="center" wrap gap={12} className="page-container-header">
        <Typography.Title level={4} style={{ margin: 0 }}>
          {title}
        </Typography.Title>
        {extra ? (
          <Flex gap={8} wrap>
            {extra}
          </Flex>
        ) : null}
      </Flex>
      {children}
    </div>
  );
}
