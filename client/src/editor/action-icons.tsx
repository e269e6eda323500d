// Icons for the header's actions (Share, Download, History), which narrow windows show instead of their words: the
// words stay in the buttons, out of sight, as their accessible names (see .action-label in styles.css).
import { Icon } from './toolbar-icons';

export const actionIcons = {
  share: (
    <Icon>
      <circle cx="8" cy="6.8" r="3" />
      <path d="M2.8 16.5c.5-3 2.6-4.6 5.2-4.6s4.7 1.6 5.2 4.6" />
      <path d="M15.5 5.5v5M13 8h5" />
    </Icon>
  ),
  copied: (
    <Icon>
      <path d="m4.5 10.5 3.5 3.5 7.5-8" />
    </Icon>
  ),
  download: (
    <Icon>
      <path d="M10 3.5v9M6 8.8l4 4 4-4" />
      <path d="M4 16.5h12" />
    </Icon>
  ),
  history: (
    <Icon>
      <path d="M3.6 10a6.4 6.4 0 1 0 1.9-4.5" />
      <path d="M5.3 2.8v2.9h2.9" />
      <path d="M10 6.6V10l2.4 1.5" />
    </Icon>
  ),
};
