//! `bischeduler serve [--demo]`: migrate, optionally provision the demo school, serve HTTP.

use crate::admin::open;
use crate::config::Config;
use crate::failure::{Failure, Outcome};
use anyhow::Context;

pub async fn serve(config: &Config, demo: bool) -> Outcome {
    let app = open(config).await?;
    let summary = app.migrate().await?;
    tracing::info!("{summary}");
    let login = if demo {
        Some(app.provision_demo().await?)
    } else {
        None
    };
    let listener = tokio::net::TcpListener::bind(config.bind)
        .await
        .map_err(|e| {
            Failure::usage(format!(
                "no se pudo escuchar en {}: {e}; elija otra dirección con --bind / BISCHEDULER_BIND",
                config.bind
            ))
        })?;
    let addr = listener
        .local_addr()
        .context("dirección local del servidor")?;
    let url = format!(
        "http://{addr}{}",
        if config.base_path.is_empty() {
            "/"
        } else {
            &config.base_path
        }
    );
    println!("BiScheduler escuchando en {url}");
    if let Some(login) = &login {
        println!(
            "Institución de demostración «{}» lista. Inicie sesión en {url} con:",
            login.tenant
        );
        println!("  correo:     {}", login.email);
        println!("  contraseña: {}", login.password);
        println!("(la contraseña se renueva cada vez que se inicia con --demo)");
    }
    let worker = app.start_job_worker();
    app.note_job_worker(true);
    let state = web::AppState::new(app.clone(), config.base_path.clone())
        .with_cookie_secure(config.cookie_secure)
        .with_trust_forwarded_for(config.trust_forwarded_for);
    let served = web::serve(listener, state, shutdown_signal()).await;
    worker.shutdown().await;
    app.note_job_worker(false);
    app.close().await;
    served.context("el servidor HTTP se detuvo con un error")?;
    tracing::info!("servidor detenido");
    Ok(())
}

/// Ctrl-C or SIGTERM (what a service manager sends) both stop the server gracefully.
async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        () = ctrl_c => {},
        () = terminate => {},
    }
}
