import { useActions, useControlRoom } from '../store/store-context';

export function NoticeStack() {
  const notices = useControlRoom((s) => s.notices);
  const { dismissNotice } = useActions();
  if (notices.length === 0) return null;
  return (
    <div className="notice-stack" aria-live="assertive">
      {notices.map((notice) => (
        <div key={notice.id} className={`notice notice--${notice.tone}`} role="alert" data-testid="notice">
          <div className="notice__body">
            <strong className="notice__title">{notice.title}</strong>
            <p className="notice__message">{notice.message}</p>
            {notice.hint && <p className="notice__hint">{notice.hint}</p>}
          </div>
          <button type="button" className="button ghost notice__close" aria-label="Dismiss" onClick={() => dismissNotice(notice.id)}>
            ×
          </button>
        </div>
      ))}
    </div>
  );
}
