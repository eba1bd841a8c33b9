import { useShallow } from 'zustand/react/shallow';
import { useActions, useControlRoom } from '../store/store-context';

const naturalOrder = new Intl.Collator('en', { numeric: true });

/** The keyboard way to do what dragging a lease does in the graph: hand it to another live session. */
export function HandOverSelect({ pattern, from }: { pattern: string; from: string }) {
  const others = useControlRoom(
    useShallow((s) =>
      Object.keys(s.board.sessions)
        .filter((id) => id !== from)
        .sort(naturalOrder.compare),
    ),
  );
  const busy = useControlRoom((s) => Boolean(s.busy[`lease:${pattern}`]));
  const { moveLeases } = useActions();
  if (others.length === 0) return null;
  return (
    <select
      className="hand-over"
      aria-label={`Hand ${pattern} to`}
      value=""
      disabled={busy}
      onChange={(e) => {
        if (e.target.value) void moveLeases([pattern], e.target.value);
      }}
    >
      <option value="">hand to…</option>
      {others.map((id) => (
        <option key={id} value={id}>
          {id}
        </option>
      ))}
    </select>
  );
}
