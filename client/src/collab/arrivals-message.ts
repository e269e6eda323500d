// What a screen reader says when people come and go: the presence list changes silently on screen, so a person who
// cannot see the avatars learns of a collaborator only when their words appear. Pure: the presence bar shows it in
// a polite live region.
import type { RemoteUser } from './use-remote-users';

/** "Ann is here", "Ann and Ben left", both joined in one sentence; null when nobody came or went. Own other tabs are not news. */
export function arrivalsMessage(before: readonly RemoteUser[], after: readonly RemoteUser[]): string | null {
  const others = (users: readonly RemoteUser[]) => users.filter((user) => !user.isSelfElsewhere);
  const idsBefore = new Set(others(before).map((user) => user.clientId));
  const idsAfter = new Set(others(after).map((user) => user.clientId));
  const came = others(after).filter((user) => !idsBefore.has(user.clientId)).map((user) => user.name);
  const went = others(before).filter((user) => !idsAfter.has(user.clientId)).map((user) => user.name);
  const parts = [came.length > 0 ? `${listOf(came)} ${came.length === 1 ? 'is' : 'are'} here` : null, went.length > 0 ? `${listOf(went)} left` : null];
  const message = parts.filter((part) => part !== null).join('. ');
  return message === '' ? null : `${message}.`;
}

function listOf(names: readonly string[]): string {
  return names.length === 1 ? names[0]! : `${names.slice(0, -1).join(', ')} and ${names.at(-1)!}`;
}
