//! Operator commands that work on the database with the server stopped (or running):
//! migrate, tenants, users, db-status, check-config.

use crate::config::Config;
use crate::failure::Outcome;
use app::{App, NewAccount};
use clap::Subcommand;
use domain::Role;

#[derive(Subcommand, Debug)]
pub enum TenantCommand {
    /// Register a school and provision its database (schema or file).
    Create {
        /// Short identifier: lowercase letters, digits, '-' or '_' (e.g. ue-andres-bello).
        slug: String,
        /// The school's name as shown to users.
        #[arg(long)]
        name: String,
    },
    /// List schools.
    List,
    /// Lock a school's users out (its data stays).
    Suspend { slug: String },
    /// Let a suspended school's users back in.
    Activate { slug: String },
    /// Delete a school and all its data.
    Delete { slug: String },
}

#[derive(Subcommand, Debug)]
pub enum UserCommand {
    /// Create an account.
    Create {
        /// The school the user belongs to (omit for platform_admin).
        #[arg(long)]
        tenant: Option<String>,
        #[arg(long)]
        email: String,
        /// At least 8 characters.
        #[arg(long)]
        password: String,
        /// platform_admin, school_admin, coordinator, teacher, parent or viewer.
        #[arg(long, value_parser = parse_role)]
        role: Role,
        /// Name shown in pages (defaults to the part of the email before '@').
        #[arg(long)]
        name: Option<String>,
    },
}

fn parse_role(text: &str) -> Result<Role, String> {
    Role::parse(text).ok_or_else(|| {
        let all: Vec<&str> = Role::ALL.iter().map(|r| r.as_str()).collect();
        format!("rol desconocido «{text}»; use uno de: {}", all.join(", "))
    })
}

/// Opens the database; a wrong URL or a server that does not answer is exit 2.
pub async fn open(config: &Config) -> Outcome<App> {
    Ok(App::connect(&config.database_url)
        .await?
        .with_limits(config.limits))
}

pub async fn migrate(config: &Config) -> Outcome {
    let app = open(config).await?;
    let summary = app.migrate().await?;
    println!("{summary}");
    app.close().await;
    Ok(())
}

/// Runs `body` after migrating, then closes the database whatever happened.
async fn with_app<T>(config: &Config, body: impl AsyncFnOnce(&App) -> Outcome<T>) -> Outcome<T> {
    let app = open(config).await?;
    let result = match app.migrate().await {
        Ok(_) => body(&app).await,
        Err(e) => Err(e.into()),
    };
    app.close().await;
    result
}

pub async fn tenant(config: &Config, command: TenantCommand) -> Outcome {
    with_app(config, async |app: &App| match command {
        TenantCommand::Create { slug, name } => {
            let t = app.create_tenant(&slug, &name).await?;
            println!("institución creada: {} ({})", t.slug, t.name);
            Ok(())
        }
        TenantCommand::List => {
            let tenants = app.list_tenants().await?;
            if tenants.is_empty() {
                println!("no hay instituciones; cree una con: bischeduler tenant create SLUG --name NOMBRE");
            }
            for t in tenants {
                println!("{}\t{}\t{}", t.slug, t.status, t.name);
            }
            Ok(())
        }
        TenantCommand::Suspend { slug } => {
            app.set_tenant_suspended(&slug, true).await?;
            println!("institución {slug} suspendida: sus usuarios ya no pueden entrar");
            Ok(())
        }
        TenantCommand::Activate { slug } => {
            app.set_tenant_suspended(&slug, false).await?;
            println!("institución {slug} activa de nuevo");
            Ok(())
        }
        TenantCommand::Delete { slug } => {
            app.delete_tenant(&slug).await?;
            println!("institución {slug} eliminada con todos sus datos");
            Ok(())
        }
    })
    .await
}

pub async fn user(config: &Config, command: UserCommand) -> Outcome {
    let UserCommand::Create {
        tenant,
        email,
        password,
        role,
        name,
    } = command;
    with_app(config, async |app: &App| {
        let account = NewAccount {
            tenant: tenant.clone(),
            email,
            password,
            role,
            display_name: name,
        };
        let user = app.create_account(&account).await?;
        match &tenant {
            Some(t) => println!("usuario creado: {} ({role} en {t})", user.email),
            None => println!("usuario creado: {} ({role})", user.email),
        }
        Ok(())
    })
    .await
}

pub async fn db_status(config: &Config) -> Outcome {
    let app = open(config).await?;
    let status = app.database_status().await;
    app.close().await;
    let status = status?;
    println!(
        "base de datos: {} ({})",
        redact(&config.database_url),
        status.backend
    );
    println!("conexión: ok, {:.1} ms", status.latency_ms);
    let p = &status.platform;
    println!(
        "plataforma: {} migraciones aplicadas, {} pendientes",
        p.applied, p.pending
    );
    if p.pending > 0 {
        println!("  aplique las pendientes con: bischeduler migrate");
    }
    println!("instituciones: {}", status.tenants.len());
    for (t, m) in &status.tenants {
        println!(
            "  {}\t{}\t{} aplicadas, {} pendientes\t{}",
            t.slug, t.status, m.applied, m.pending, t.name
        );
    }
    Ok(())
}

pub async fn check_config(config: &Config) -> Outcome {
    println!("base de datos: {}", redact(&config.database_url));
    println!("escucha en: http://{}{}/", config.bind, config.base_path);
    println!(
        "cookie de sesión Secure: {}",
        if config.cookie_secure {
            "sí"
        } else {
            "no (actívela detrás de TLS con BISCHEDULER_COOKIE_SECURE=true)"
        }
    );
    let app = open(config).await?;
    let backend = app.backend();
    app.close().await;
    println!("conexión con la base de datos: ok ({})", backend.as_str());
    println!("configuración válida");
    Ok(())
}

/// The URL without its password, for printing.
pub fn redact(url: &str) -> String {
    let Some((scheme, rest)) = url.split_once("://") else {
        return url.to_string();
    };
    match rest.split_once('@') {
        Some((userinfo, host)) if userinfo.contains(':') => {
            let user = userinfo.split(':').next().unwrap_or("");
            format!("{scheme}://{user}:***@{host}")
        }
        _ => url.to_string(),
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn redacts_passwords() {
        assert_eq!(
            super::redact("postgres://u:secret@h/db"),
            "postgres://u:***@h/db"
        );
        assert_eq!(super::redact("postgres://u@h/db"), "postgres://u@h/db");
        assert_eq!(super::redact("sqlite://data/x.db"), "sqlite://data/x.db");
    }
}
