//! Benchmark (not a test): the real school and a large demo school through the app's use
//! cases, on a temporary SQLite database.
//!
//! cargo run --release -p app --example real_school_bench [-- SECONDS_REAL SECONDS_DEMO]
//!
//! Prints: time to zero hard violations on the real school, its own timetable against a
//! generated one (report measures), move-check latency percentiles, and the 60-section,
//! 120-teacher demo school's time to zero hard.

use app::{App, MergeDecisions, Principal, SolveParams, TimetableReport, UploadedFile};
use std::sync::Arc;
use std::sync::atomic::AtomicBool;
use std::time::Instant;

const DATA: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../../shared/data/ueipab");

fn operator(app_tenant: app::TenantView) -> Principal {
    Principal {
        user: app::UserView {
            id: 0,
            email: "bench@localhost".into(),
            display_name: "bench".into(),
            platform_admin: true,
        },
        tenant: Some(app_tenant),
        role: domain::Role::PlatformAdmin,
        memberships: vec![],
    }
}

fn line(label: &str, r: &TimetableReport) {
    let m = &r.measures;
    println!(
        "{label:<28} hard {:>3}  soft {:>5}  teacher gaps {:>3}  subject repeats/day {:>3}  afternoon periods {:>3}",
        r.report.hard_cost,
        r.report.soft_cost,
        m.teacher_gaps,
        m.subject_repeats_in_a_day,
        m.afternoon_periods
    );
}

async fn solve(app: &App, slug: &str, seconds: f64) -> app::SolveOutcome {
    let params = SolveParams {
        time_limit_s: seconds,
        seed: 1,
        ..SolveParams::default()
    };
    app.solve_tenant(slug, &params, Arc::new(AtomicBool::new(false)), |_| {})
        .await
        .expect("solve")
}

fn percentile(sorted: &[f64], p: f64) -> f64 {
    let i = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[i.min(sorted.len() - 1)]
}

#[tokio::main]
async fn main() {
    let args: Vec<f64> = std::env::args()
        .skip(1)
        .filter_map(|a| a.parse().ok())
        .collect();
    let real_s = args.first().copied().unwrap_or(10.0);
    let demo_s = args.get(1).copied().unwrap_or(30.0);
    let dir = tempfile::tempdir().expect("temp dir");
    let app = App::connect(&format!("sqlite://{}/bench.db", dir.path().display()))
        .await
        .expect("connect");
    app.migrate().await.expect("migrate");
    app.create_tenant("ueipab", "UEIPAB").await.expect("tenant");
    let mut files = Vec::new();
    for name in [
        "student_schedule_2025_2026.xlsx",
        "teacher_schedule_2025_2026.xlsx",
    ] {
        let bytes = std::fs::read(format!("{DATA}/{name}")).expect("the real workbooks");
        files.push(UploadedFile {
            name: name.into(),
            bytes,
        });
    }
    let imported = app
        .import_into("ueipab", files, MergeDecisions::default(), true)
        .await
        .expect("import");
    let own = imported.timetable_ids[0];
    let own_report = app.report_for_tenant("ueipab", own).await.expect("report");
    line("school's own timetable", &own_report);

    let first = solve(&app, "ueipab", 1.0).await;
    println!(
        "real school: zero hard after {:?} s (1 s run, seed 1)",
        first.zero_hard_at_s
    );
    let long = solve(&app, "ueipab", real_s).await;
    let long_report = app
        .report_for_tenant("ueipab", long.timetable_id)
        .await
        .expect("report");
    line(&format!("generated, {real_s} s"), &long_report);
    println!(
        "  ({} iterations, zero hard after {:?} s)",
        long.iterations, long.zero_hard_at_s
    );

    let tenant = app
        .list_tenants()
        .await
        .expect("tenants")
        .into_iter()
        .find(|t| t.slug == "ueipab")
        .expect("tenant");
    let who = operator(tenant);
    let placements = app
        .timetable_placements(&who, long.timetable_id)
        .await
        .expect("placements");
    let warm = Instant::now();
    let probe = app::MoveRequest {
        placement_id: placements[0].id,
        day: Some(1),
        period: Some(1),
        room_id: None,
        swap_with: None,
        force: false,
    };
    let _ = app.check_move(&who, long.timetable_id, &probe).await;
    println!(
        "move check: first call (opens the timetable) {:.2} ms",
        warm.elapsed().as_secs_f64() * 1e3
    );
    let mut times = Vec::new();
    for p in &placements {
        for day in 1..=5u8 {
            for period in 1..=9u8 {
                let req = app::MoveRequest {
                    placement_id: p.id,
                    day: Some(day),
                    period: Some(period),
                    ..probe.clone()
                };
                let t = Instant::now();
                let _ = app.check_move(&who, long.timetable_id, &req).await;
                times.push(t.elapsed().as_secs_f64() * 1e3);
            }
        }
    }
    times.sort_by(f64::total_cmp);
    println!(
        "move check: {} checks, p50 {:.3} ms, p95 {:.3} ms, max {:.3} ms",
        times.len(),
        percentile(&times, 0.5),
        percentile(&times, 0.95),
        times.last().copied().unwrap_or(0.0)
    );

    let started = Instant::now();
    let spec = app::DemoSpec {
        sections: 60,
        teachers: 120,
        seed: 2025,
    };
    let demo = app.demo_generate("demo60", spec).await.expect("demo");
    println!(
        "demo 60x120: {} lessons, {} lesson-periods, generated and stored in {:.1} s",
        demo.counts.lessons,
        demo.counts.lesson_periods,
        started.elapsed().as_secs_f64()
    );
    let big = solve(&app, "demo60", demo_s).await;
    println!(
        "demo 60x120: hard {} soft {} after {demo_s} s; zero hard after {:?} s",
        big.hard, big.soft, big.zero_hard_at_s
    );
    app.close().await;
}
