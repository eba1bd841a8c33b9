/** Who is calling: the lead, or one session through its own token (DESIGN §7). */
export type Actor = { role: 'lead' } | { role: 'session'; session: string };

export function actorName(actor: Actor): string {
  return actor.role === 'lead' ? 'lead' : `session:${actor.session}`;
}
