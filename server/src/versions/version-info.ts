// The public shape of a stored version, as the admin and user APIs list it (CONTRACT's id, label, createdAt, bytes,
// plus who made it and why).
import type { SnapshotKind, SnapshotMeta } from '../storage/storage';

export interface VersionInfo {
  id: string;
  label: string | null;
  /** ms since epoch. */
  createdAt: number;
  bytes: number;
  author: string | null;
  kind: SnapshotKind;
}

export function toVersionInfo(meta: SnapshotMeta): VersionInfo {
  return { id: meta.id, label: meta.label, createdAt: meta.createdAt, bytes: meta.bytes, author: meta.author, kind: meta.kind };
}
