/**
 * Numbered migrations, in tens (Signal Desktop's habit) so a fix can slot in between.
 * Each runs in one transaction with its `user_version`; never edit a migration that has shipped.
 */
export interface Migration {
  version: number;
  name: string;
  sql: string;
}

const NOW = "(strftime('%Y-%m-%dT%H:%M:%fZ','now'))";

export const MIGRATIONS: Migration[] = [
  {
    version: 10,
    name: 'board',
    sql: `
      CREATE TABLE counter (
        name TEXT PRIMARY KEY,
        value INTEGER NOT NULL
      );

      CREATE TABLE repo (
        id TEXT PRIMARY KEY,
        path TEXT NOT NULL UNIQUE,
        protected_branch TEXT NOT NULL,
        worktree_root TEXT NOT NULL,
        gate_command TEXT,
        created_at TEXT NOT NULL DEFAULT ${NOW},
        updated_at TEXT NOT NULL DEFAULT ${NOW},
        updated_by TEXT NOT NULL,
        version INTEGER NOT NULL DEFAULT 1
      );

      CREATE TABLE session (
        id TEXT PRIMARY KEY,
        title TEXT NOT NULL,
        owner TEXT NOT NULL,
        agent TEXT NOT NULL,
        repo_id TEXT NOT NULL REFERENCES repo(id),
        worktree TEXT NOT NULL,
        branch TEXT NOT NULL,
        base_commit TEXT NOT NULL,
        objective TEXT NOT NULL DEFAULT '',
        scope TEXT NOT NULL DEFAULT '[]',
        forbidden TEXT NOT NULL DEFAULT '[]',
        escalation TEXT,
        cadence_minutes INTEGER,
        priority INTEGER NOT NULL DEFAULT 0,
        status TEXT NOT NULL DEFAULT 'active',
        blocker_text TEXT,
        blocker_since TEXT,
        last_sync TEXT,
        checkpoint_at TEXT,
        checkpoint_commit TEXT,
        checkpoint_note TEXT,
        test_at TEXT,
        test_commit TEXT,
        test_command TEXT,
        token_hash TEXT NOT NULL UNIQUE,
        created_at TEXT NOT NULL DEFAULT ${NOW},
        ended_at TEXT,
        updated_at TEXT NOT NULL DEFAULT ${NOW},
        updated_by TEXT NOT NULL,
        version INTEGER NOT NULL DEFAULT 1
      );
      CREATE INDEX session_repo ON session(repo_id);

      CREATE TABLE task (
        id TEXT PRIMARY KEY,
        title TEXT NOT NULL,
        objective TEXT NOT NULL DEFAULT '',
        session_id TEXT REFERENCES session(id),
        status TEXT NOT NULL DEFAULT 'todo',
        created_at TEXT NOT NULL DEFAULT ${NOW},
        updated_at TEXT NOT NULL DEFAULT ${NOW},
        updated_by TEXT NOT NULL,
        version INTEGER NOT NULL DEFAULT 1
      );

      CREATE TABLE task_dependency (
        task_id TEXT NOT NULL REFERENCES task(id),
        blocked_by_id TEXT NOT NULL REFERENCES task(id),
        PRIMARY KEY (task_id, blocked_by_id)
      );

      CREATE TABLE lease (
        id TEXT PRIMARY KEY,
        session_id TEXT NOT NULL REFERENCES session(id),
        pattern TEXT NOT NULL,
        mode TEXT NOT NULL CHECK (mode IN ('write', 'read')),
        expires_at TEXT,
        reason TEXT,
        fence INTEGER NOT NULL,
        created_at TEXT NOT NULL DEFAULT ${NOW}
      );
      CREATE INDEX lease_session ON lease(session_id);

      CREATE TABLE conflict (
        id TEXT PRIMARY KEY,
        key TEXT NOT NULL,
        kind TEXT NOT NULL,
        sessions TEXT NOT NULL,
        paths TEXT NOT NULL,
        next_action TEXT NOT NULL,
        resolver TEXT NOT NULL,
        state TEXT NOT NULL DEFAULT 'open',
        detected_at TEXT NOT NULL DEFAULT ${NOW},
        resolved_at TEXT,
        updated_at TEXT NOT NULL DEFAULT ${NOW},
        updated_by TEXT NOT NULL,
        version INTEGER NOT NULL DEFAULT 1
      );
      CREATE UNIQUE INDEX conflict_open_key ON conflict(key) WHERE state != 'resolved';

      CREATE TABLE approval (
        id TEXT PRIMARY KEY,
        session_id TEXT NOT NULL REFERENCES session(id),
        tier INTEGER NOT NULL CHECK (tier IN (2, 3)),
        action TEXT NOT NULL,
        detail TEXT,
        state TEXT NOT NULL DEFAULT 'pending',
        requested_at TEXT NOT NULL DEFAULT ${NOW},
        decided_by TEXT,
        decided_at TEXT,
        why TEXT,
        updated_at TEXT NOT NULL DEFAULT ${NOW},
        updated_by TEXT NOT NULL,
        version INTEGER NOT NULL DEFAULT 1
      );
      CREATE INDEX approval_session ON approval(session_id);

      CREATE TABLE queue_entry (
        id TEXT PRIMARY KEY,
        session_id TEXT NOT NULL REFERENCES session(id),
        head_commit TEXT NOT NULL,
        state TEXT NOT NULL DEFAULT 'queued',
        gates TEXT NOT NULL DEFAULT '[]',
        created_at TEXT NOT NULL DEFAULT ${NOW},
        updated_at TEXT NOT NULL DEFAULT ${NOW},
        updated_by TEXT NOT NULL,
        version INTEGER NOT NULL DEFAULT 1
      );

      CREATE TABLE event (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        at TEXT NOT NULL DEFAULT ${NOW},
        actor TEXT NOT NULL,
        kind TEXT NOT NULL,
        subject TEXT NOT NULL,
        before TEXT,
        after TEXT
      );
      CREATE INDEX event_subject ON event(subject);

      -- The audit log is append-only: the database itself refuses to rewrite history.
      CREATE TRIGGER event_no_update BEFORE UPDATE ON event
        BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
      CREATE TRIGGER event_no_delete BEFORE DELETE ON event
        BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
    `,
  },
  {
    version: 20,
    name: 'changed paths',
    sql: `
      -- C(S) of DESIGN §3: the files a session changed since its base, as last read from git.
      CREATE TABLE changed_path (
        session_id TEXT NOT NULL REFERENCES session(id),
        path TEXT NOT NULL,
        PRIMARY KEY (session_id, path)
      ) WITHOUT ROWID;
      CREATE INDEX changed_path_path ON changed_path(path);
    `,
  },
  {
    version: 30,
    name: 'lease base',
    sql: `
      -- The literal folders every match of the lease's pattern starts with ('' = anywhere), so a
      -- claim compares itself only with leases that can share a path.
      ALTER TABLE lease ADD COLUMN base TEXT NOT NULL DEFAULT '';
    `,
  },
  {
    version: 40,
    name: 'base drift',
    sql: `
      -- How many commits the protected branch has past the session's base, as the conflict engine
      -- last counted them (NULL: not counted yet, or git could not say).
      ALTER TABLE session ADD COLUMN base_behind INTEGER;
    `,
  },
  {
    version: 50,
    name: 'lease version',
    sql: `
      -- Renewal and reassignment update a lease in place, so it carries a version like every
      -- mutable row (DESIGN §2); existing leases take who changed them last from the audit log.
      ALTER TABLE lease ADD COLUMN version INTEGER NOT NULL DEFAULT 1;
      ALTER TABLE lease ADD COLUMN updated_by TEXT;
      ALTER TABLE lease ADD COLUMN updated_at TEXT;
      UPDATE lease SET
        updated_by = coalesce((SELECT actor FROM event WHERE subject = 'lease:' || lease.id ORDER BY id DESC LIMIT 1), 'unknown'),
        updated_at = coalesce((SELECT at FROM event WHERE subject = 'lease:' || lease.id ORDER BY id DESC LIMIT 1), created_at);
    `,
  },
];

export const LATEST_VERSION = MIGRATIONS[MIGRATIONS.length - 1]!.version;
