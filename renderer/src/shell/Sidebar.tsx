import { NavLink, Stack, Text, Tooltip } from '@mantine/core';
import { useDirection } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { hrefFor } from '../lib/router.ts';
import { AREAS, shortcutLabel, type AreaId } from './areas.ts';

/** The area list. Plain links (Tab reaches each one; Enter follows it); the current one is marked aria-current. */
export function Sidebar({ current, routeFor }: { current: AreaId | null; routeFor: (id: AreaId) => string }) {
  const { t } = useTranslation();
  const { dir } = useDirection();
  return (
    <Stack component="nav" aria-label={t('nav.label')} gap={2} h="100%" data-testid="sidebar">
      {AREAS.map((area) => {
        const active = area.id === current;
        const Icon = area.icon;
        return (
          <Tooltip
            key={area.id}
            // Isolated left-to-right, so "Alt+3" does not turn into "3+Alt" inside an Arabic sentence.
            label={t('nav.shortcut', { keys: `\u2066${shortcutLabel(area)}\u2069` })}
            // The tooltip opens away from the sidebar: to the right in LTR, to the left in Arabic.
            position={dir === 'rtl' ? 'left' : 'right'}
          >
            <NavLink
              href={hrefFor(routeFor(area.id))}
              label={t(`nav.${area.id}`)}
              leftSection={<Icon size={18} stroke={1.6} />}
              active={active}
              aria-current={active ? 'page' : undefined}
              aria-keyshortcuts={`Alt+${area.digit}`}
              variant="light"
              data-testid={`nav-${area.id}`}
              styles={{ root: { borderRadius: 'var(--mantine-radius-sm)' } }}
            />
          </Tooltip>
        );
      })}
      <Text size="xs" c="dimmed" mt="auto" px="xs" pb="xs">
        {t('nav.shortcutsHint')}
      </Text>
    </Stack>
  );
}
