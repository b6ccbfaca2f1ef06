/**
 * What the presenter's window tells the audience's window (a second browser window over
 * BroadcastChannel, or the Electron audience window on a second display): the clip shown,
 * the clock, blackout and blind mode. Messages are checked on arrival; anything else is ignored.
 */
import { z } from 'zod';

export const PresenterState = z.strictObject({
  type: z.literal('state'),
  sid: z.string().min(1).max(200),
  clip: z.number().int().min(-1).max(10_000),
  t: z.number().finite().nonnegative(),
  playing: z.boolean(),
  speed: z.number().positive().max(64),
  blackout: z.boolean(),
  blind: z.boolean(),
});
export type PresenterState = z.infer<typeof PresenterState>;

/** The audience window asks for the current state when it opens. */
export const AudienceHello = z.strictObject({ type: z.literal('hello'), sid: z.string().min(1).max(200) });
export type AudienceHello = z.infer<typeof AudienceHello>;

export const SyncMessage = z.discriminatedUnion('type', [PresenterState, AudienceHello]);
export type SyncMessage = z.infer<typeof SyncMessage>;

export function channelName(sid: string): string {
  return `baton-committee:${sid}`;
}

/** The message if it is one for this session, else undefined. */
export function readSyncMessage(data: unknown, sid: string): SyncMessage | undefined {
  const r = SyncMessage.safeParse(data);
  return r.success && r.data.sid === sid ? r.data : undefined;
}

/** How far the audience's clock may drift from the presenter's before it seeks, ms. */
export const MAX_DRIFT_MS = 750;

/** What the audience's clock should do to follow a presenter state. */
export function follow(local: { t: number; playing: boolean; speed: number }, remote: PresenterState): { seek?: number; play?: boolean; speed?: number } {
  const out: { seek?: number; play?: boolean; speed?: number } = {};
  if (Math.abs(local.t - remote.t) > MAX_DRIFT_MS || (!remote.playing && local.t !== remote.t)) out.seek = remote.t;
  if (local.playing !== remote.playing) out.play = remote.playing;
  if (local.speed !== remote.speed) out.speed = remote.speed;
  return out;
}
