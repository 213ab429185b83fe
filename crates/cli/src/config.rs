//! Global options (flags or environment) and their validation, shared by every command.

use crate::failure::{Failure, Outcome};
use clap::Args;
use std::net::SocketAddr;

pub const DEFAULT_DATABASE_URL: &str = "sqlite://data/bischeduler.db";

#[derive(Args, Debug, Clone)]
pub struct GlobalOpts {
    /// sqlite://PATH (tenant files beside it) or postgres://USER@HOST:PORT/DB.
    #[arg(long, global = true, env = "BISCHEDULER_DATABASE_URL", default_value = DEFAULT_DATABASE_URL)]
    pub database_url: String,
    /// Address to serve HTTP on.
    #[arg(
        long,
        global = true,
        env = "BISCHEDULER_BIND",
        default_value = "127.0.0.1:5005"
    )]
    pub bind: String,
    /// Serve under a reverse-proxy prefix such as /bischeduler.
    #[arg(long, global = true, env = "BISCHEDULER_BASE_PATH", default_value = "")]
    pub base_path: String,
    /// Mark the session cookie Secure (HTTPS only). Off for the local demo on plain HTTP;
    /// turn it on whenever users reach the server through TLS.
    #[arg(long, global = true, env = "BISCHEDULER_COOKIE_SECURE", value_parser = clap::builder::BoolishValueParser::new())]
    pub cookie_secure: bool,
    /// Count login attempts by the last X-Forwarded-For entry (set by your reverse proxy)
    /// instead of the TCP peer. Only when the server is reachable through the proxy alone.
    #[arg(long, global = true, env = "BISCHEDULER_TRUST_FORWARDED_FOR", value_parser = clap::builder::BoolishValueParser::new())]
    pub trust_forwarded_for: bool,
    /// Solve jobs one school may have queued or running at once.
    #[arg(
        long,
        global = true,
        env = "BISCHEDULER_MAX_JOBS_PER_TENANT",
        default_value_t = 3
    )]
    pub max_jobs_per_tenant: u32,
    /// Failed logins allowed per (email, client address) within the login window.
    #[arg(
        long,
        global = true,
        env = "BISCHEDULER_LOGIN_ATTEMPTS",
        default_value_t = 5
    )]
    pub login_attempts: u32,
    /// The login window, in minutes.
    #[arg(
        long,
        global = true,
        env = "BISCHEDULER_LOGIN_WINDOW_MINUTES",
        default_value_t = 15
    )]
    pub login_window_minutes: u32,
}

/// The options after validation.
#[derive(Debug, Clone)]
pub struct Config {
    pub database_url: String,
    pub bind: SocketAddr,
    pub base_path: String,
    pub cookie_secure: bool,
    pub trust_forwarded_for: bool,
    pub limits: app::Limits,
}

impl GlobalOpts {
    pub fn validate(&self) -> Outcome<Config> {
        let url = self.database_url.trim();
        check_database_url(url)?;
        let bind = self.bind.trim().parse::<SocketAddr>().map_err(|_| {
            Failure::usage(format!(
                "dirección inválida en --bind / BISCHEDULER_BIND: «{}»; use IP:PUERTO, p. ej. 127.0.0.1:5005 o 0.0.0.0:8080",
                self.bind
            ))
        })?;
        let base_path = web::normalize_base_path(&self.base_path)
            .map_err(|m| Failure::usage(format!("{m} (--base-path / BISCHEDULER_BASE_PATH)")))?;
        for (value, name) in [
            (
                self.max_jobs_per_tenant,
                "--max-jobs-per-tenant / BISCHEDULER_MAX_JOBS_PER_TENANT",
            ),
            (
                self.login_attempts,
                "--login-attempts / BISCHEDULER_LOGIN_ATTEMPTS",
            ),
            (
                self.login_window_minutes,
                "--login-window-minutes / BISCHEDULER_LOGIN_WINDOW_MINUTES",
            ),
        ] {
            if value == 0 {
                return Err(Failure::usage(format!(
                    "{name} debe ser al menos 1 (un límite de cero bloquearía a todos)"
                )));
            }
        }
        Ok(Config {
            database_url: url.to_string(),
            bind,
            base_path,
            cookie_secure: self.cookie_secure,
            trust_forwarded_for: self.trust_forwarded_for,
            limits: app::Limits {
                max_active_jobs_per_tenant: self.max_jobs_per_tenant,
                login_failures_allowed: self.login_attempts,
                login_window: std::time::Duration::from_secs(
                    u64::from(self.login_window_minutes) * 60,
                ),
            },
        })
    }
}

fn check_database_url(url: &str) -> Outcome {
    let fix = "use sqlite://RUTA (p. ej. sqlite://data/bischeduler.db) o postgres://USUARIO@SERVIDOR:5432/BASE en --database-url / BISCHEDULER_DATABASE_URL";
    match url.split_once("://") {
        Some(("sqlite", path)) if !path.is_empty() => Ok(()),
        Some(("postgres" | "postgresql", rest)) if !rest.is_empty() => Ok(()),
        Some((scheme, _)) => Err(Failure::usage(format!(
            "esquema de base de datos no soportado «{scheme}» en «{url}»; {fix}"
        ))),
        None => Err(Failure::usage(format!(
            "URL de base de datos inválida «{url}»; {fix}"
        ))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn opts(url: &str, bind: &str, base: &str) -> GlobalOpts {
        GlobalOpts {
            database_url: url.into(),
            bind: bind.into(),
            base_path: base.into(),
            cookie_secure: false,
            trust_forwarded_for: false,
            max_jobs_per_tenant: 3,
            login_attempts: 5,
            login_window_minutes: 15,
        }
    }

    #[derive(clap::Parser)]
    struct Parsed {
        #[command(flatten)]
        global: GlobalOpts,
    }

    #[test]
    fn security_options_default_to_the_local_demo_and_can_be_turned_on() {
        use clap::Parser;
        let plain = Parsed::try_parse_from(["x"])
            .unwrap()
            .global
            .validate()
            .unwrap();
        assert!(!plain.cookie_secure);
        assert!(!plain.trust_forwarded_for);
        assert_eq!(plain.limits, app::Limits::default());
        let tls = Parsed::try_parse_from([
            "x",
            "--cookie-secure",
            "--trust-forwarded-for",
            "--max-jobs-per-tenant",
            "1",
            "--login-attempts",
            "2",
            "--login-window-minutes",
            "3",
        ])
        .unwrap()
        .global
        .validate()
        .unwrap();
        assert!(tls.cookie_secure);
        assert!(tls.trust_forwarded_for);
        assert_eq!(tls.limits.max_active_jobs_per_tenant, 1);
        assert_eq!(tls.limits.login_failures_allowed, 2);
        assert_eq!(tls.limits.login_window.as_secs(), 180);
        let mut zero = opts("sqlite://x.db", "127.0.0.1:5005", "");
        zero.max_jobs_per_tenant = 0;
        assert!(matches!(zero.validate(), Err(Failure::Usage(_))));
    }

    #[test]
    fn validates_each_option() {
        let ok = opts("sqlite://data/x.db", "127.0.0.1:5005", "/bischeduler/")
            .validate()
            .unwrap();
        assert_eq!(ok.base_path, "/bischeduler");
        assert!(
            opts("postgres://u@h:5432/db", "0.0.0.0:80", "")
                .validate()
                .is_ok()
        );
        for bad in [
            opts("mysql://h/db", "127.0.0.1:5005", ""),
            opts("data.db", "127.0.0.1:5005", ""),
            opts("sqlite://", "127.0.0.1:5005", ""),
            opts("sqlite://x.db", "localhost", ""),
            opts("sqlite://x.db", "127.0.0.1:5005", "sin-barra"),
        ] {
            assert!(matches!(bad.validate(), Err(Failure::Usage(_))), "{bad:?}");
        }
    }
}
