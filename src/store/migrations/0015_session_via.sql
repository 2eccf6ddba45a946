-- 0015 sessions remember how they were opened (owned by auth): a session
-- that trusted-proxy SSO opened is reused for that user's cookieless
-- requests, and is refused for an admin unless sso_allow_admin is on.
ALTER TABLE sessions ADD COLUMN via TEXT NOT NULL DEFAULT 'password'
	CHECK (via IN ('password', 'sso'));
CREATE INDEX sessions_via_user ON sessions(via, user_id);
