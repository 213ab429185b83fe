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
}

/// The options after validation.
#[derive(Debug, Clone)]
pub struct Config {
    pub database_url: String,
    pub bind: SocketAddr,
    pub base_path: String,
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
        Ok(Config {
            database_url: url.to_string(),
            bind,
            base_path,
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
        }
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
