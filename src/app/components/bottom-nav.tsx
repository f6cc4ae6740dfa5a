import { currentPath } from '../router.ts';
import { useT } from '../i18n/i18n.ts';
import { Icon, type IconName } from './icons.tsx';

const ITEMS: readonly { href: string; icon: IconName }[] = [
  { href: '/', icon: 'today' },
  { href: '/bulletins', icon: 'bulletins' },
  { href: '/logs', icon: 'logs' },
  { href: '/sync', icon: 'sync' },
  { href: '/more', icon: 'more' },
];

/** The five main sections, always at the thumb's reach; a bulletin's reader belongs to "Bulletins". */
export function BottomNav() {
  const t = useT('common');
  const path = currentPath.value;
  return (
    <nav class="bottomnav" aria-label={t('nav.label')}>
      <ul>
        {ITEMS.map(({ href, icon }) => {
          const here = href === '/' ? path === '/' : path === href || path.startsWith(`${href}/`);
          return (
            <li key={href}>
              <a href={href} aria-current={here ? 'page' : undefined}>
                <Icon name={icon} />
                <span>{t(`nav.${icon}`)}</span>
              </a>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
