//! All SQL of BiScheduler: the platform database (tenants, users, memberships, sessions, audit,
//! jobs) and each tenant's school data, on SQLite or PostgreSQL (chosen by the URL).
//!
//! See docs/adr/0002-store-backends.md for why the two backends are two typed pools and how one
//! body of portable SQL serves both.

mod connect;
mod error;
mod import;
mod jobs;
mod login_failures;
mod migrate;
mod placements;
mod records;
mod revisions;
mod tenant_sql;
mod tenant_store;
mod tenants;
mod users;

pub use connect::{Backend, PoolStats, Store};
pub use error::{Result, StoreError};
pub use import::ImportOutcome;
pub use jobs::{JOB_STALE_AFTER, Job, JobStatus};
pub use migrate::{DbMigrationState, MigrationReport, MigrationStatus};
pub use placements::TimetableSnapshot;
pub use revisions::Revision;
pub use tenant_store::TenantStore;
pub use tenants::{Tenant, TenantStatus, current_school_year_name};
pub use users::{AuditEntry, Membership, NewUser, Session, User, normalize_email};
