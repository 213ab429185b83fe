//! Failed logins per (email, client address) in the platform database, so that every server
//! instance sharing the database enforces one limit on password guessing.

use crate::connect::{Store, on_pool};
use crate::error::Result;
use crate::users::normalize_email;
use chrono::{DateTime, Utc};

impl Store {
    /// The failed logins of `email` from `client` after `since`, oldest first.
    pub async fn login_failures_since(
        &self,
        email: &str,
        client: &str,
        since: DateTime<Utc>,
    ) -> Result<Vec<DateTime<Utc>>> {
        let email = normalize_email(email);
        Ok(on_pool!(self.pools(), |pool| {
            sqlx::query_scalar::<_, DateTime<Utc>>(
                "SELECT failed_at FROM login_failures \
                 WHERE email = $1 AND client = $2 AND failed_at > $3 ORDER BY failed_at",
            )
            .bind(&email)
            .bind(client)
            .bind(since)
            .fetch_all(pool)
            .await?
        }))
    }

    /// Records a failed login at `at`, and forgets every failure (of anyone) from before
    /// `forget_before`, which no limit looks at any more: the table stays small.
    pub async fn record_login_failure(
        &self,
        email: &str,
        client: &str,
        at: DateTime<Utc>,
        forget_before: DateTime<Utc>,
    ) -> Result<()> {
        let email = normalize_email(email);
        on_pool!(self.pools(), |pool| {
            sqlx::query("DELETE FROM login_failures WHERE failed_at < $1")
                .bind(forget_before)
                .execute(pool)
                .await?;
            sqlx::query(
                "INSERT INTO login_failures (email, client, failed_at) VALUES ($1, $2, $3)",
            )
            .bind(&email)
            .bind(client)
            .bind(at)
            .execute(pool)
            .await?;
        });
        Ok(())
    }

    /// Forgets the failures of `email` from `client` (after a successful login).
    pub async fn clear_login_failures(&self, email: &str, client: &str) -> Result<()> {
        let email = normalize_email(email);
        on_pool!(self.pools(), |pool| {
            sqlx::query("DELETE FROM login_failures WHERE email = $1 AND client = $2")
                .bind(&email)
                .bind(client)
                .execute(pool)
                .await?;
        });
        Ok(())
    }
}
