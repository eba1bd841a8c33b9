export function EmptyState() {
  return (
    <div className="empty-state" data-testid="empty-state">
      <h2>No sessions yet</h2>
      <p>Start one from a terminal:</p>
      <pre>signalbox session new --repo PATH --title "…"</pre>
      <p>Or watch Signalbox at work with a sample repository and simulated agents:</p>
      <pre>npm run demo</pre>
    </div>
  );
}
