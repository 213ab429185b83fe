//! Open timetables: per timetable, the compiled school and the current solution, kept between
//! requests so that a move check does no database read and no compile.
//!
//! An entry is rebuilt on a miss, dropped when this process changes the timetable in a way it
//! cannot follow, and expires after [`OPEN_TTL`] so that edits made elsewhere (school data
//! through the CRUD API, another server instance) are seen within that time. Checks may use a
//! stale entry for that long, but writes never do: an entry remembers the revisions it was read
//! at, and a move is written only while the database still has them (see `moves.rs`).

use super::scheduling_error;
use crate::{App, AppError, Result};
use domain::{Id, Placement, Record, SchoolData};
use scheduling::{MoveChecker, Report};
use std::collections::{BTreeMap, HashMap};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};
use store::{Revision, TenantStore};

/// How long an open timetable is trusted without looking at the database again.
pub(crate) const OPEN_TTL: Duration = Duration::from_secs(120);
/// Open timetables kept at most (each holds a compiled school: a few MB for a large one).
const MAX_OPEN: usize = 64;

pub(crate) struct OpenTimetable {
    pub(crate) name: String,
    /// The school without its timetables (only this one matters, and it lives in `checker`).
    pub(crate) school: SchoolData,
    pub(crate) checker: MoveChecker,
    /// The stored placements by their id, as they are now.
    pub(crate) placements: BTreeMap<Id, Placement>,
    /// The database revisions this entry matches: those it was read at, plus this process's
    /// own writes since.
    pub(crate) revision: Revision,
}

impl OpenTimetable {
    fn build(
        name: String,
        mut school: SchoolData,
        records: Vec<Record<Placement>>,
        revision: Revision,
    ) -> Result<Self> {
        school.timetables.clear();
        let placements: BTreeMap<Id, Placement> =
            records.into_iter().map(|r| (r.id, r.data)).collect();
        let list: Vec<Placement> = placements.values().cloned().collect();
        let compiled = scheduling::compile(&school, None).map_err(scheduling_error)?;
        let checker = MoveChecker::new(compiled, &list).map_err(scheduling_error)?;
        Ok(OpenTimetable {
            name,
            school,
            checker,
            placements,
            revision,
        })
    }

    pub(crate) fn current_placements(&self) -> Vec<Placement> {
        self.placements.values().cloned().collect()
    }

    pub(crate) fn report(&self) -> Result<Report> {
        let compiled = self.checker.compiled();
        let solution = compiled
            .encode(&self.current_placements())
            .map_err(scheduling_error)?;
        compiled
            .report(&self.school, &solution)
            .map_err(scheduling_error)
    }

    /// The placement `pid` of this timetable, or 404.
    pub(crate) fn placement(&self, pid: Id) -> Result<&Placement> {
        self.placements.get(&pid).ok_or_else(|| {
            AppError::NotFound(format!("la ubicación {pid} no pertenece a este horario"))
        })
    }
}

type Shared = Arc<Mutex<OpenTimetable>>;

#[derive(Default)]
pub(crate) struct OpenTimetables {
    map: Mutex<HashMap<(i64, Id), (Instant, Shared)>>,
}

impl OpenTimetables {
    pub(crate) fn peek(&self, key: (i64, Id)) -> Option<Shared> {
        let mut map = self.map.lock().unwrap_or_else(|e| e.into_inner());
        match map.get(&key) {
            Some((opened, t)) if opened.elapsed() < OPEN_TTL => Some(t.clone()),
            Some(_) => {
                map.remove(&key);
                None
            }
            None => None,
        }
    }

    fn insert(&self, key: (i64, Id), t: Shared) {
        let mut map = self.map.lock().unwrap_or_else(|e| e.into_inner());
        if map.len() >= MAX_OPEN
            && let Some(oldest) = map.iter().min_by_key(|(_, (at, _))| *at).map(|(k, _)| *k)
        {
            map.remove(&oldest);
        }
        map.insert(key, (Instant::now(), t));
    }

    pub(crate) fn forget(&self, tenant_id: i64, id: Id) {
        let mut map = self.map.lock().unwrap_or_else(|e| e.into_inner());
        map.remove(&(tenant_id, id));
    }

    pub(crate) fn forget_tenant(&self, tenant_id: i64) {
        let mut map = self.map.lock().unwrap_or_else(|e| e.into_inner());
        map.retain(|(t, _), _| *t != tenant_id);
    }
}

impl App {
    /// The open timetable `id` of the store's tenant: from memory, or built (404 when there
    /// is no such timetable).
    pub(crate) async fn open_timetable(&self, db: &TenantStore, id: Id) -> Result<Shared> {
        let key = (db.tenant().id, id);
        if let Some(t) = self.timetabling.open.peek(key) {
            return Ok(t);
        }
        // One snapshot, so the school, the placements and their revisions agree.
        let snapshot = db
            .timetable_snapshot(id)
            .await?
            .ok_or_else(|| AppError::NotFound(format!("no existe el horario {id}")))?;
        let built = tokio::task::spawn_blocking(move || {
            OpenTimetable::build(
                snapshot.timetable.data.name,
                snapshot.school,
                snapshot.placements,
                snapshot.revision,
            )
        })
        .await
        .map_err(|e| AppError::Internal(format!("la compilación se interrumpió: {e}")))??;
        let shared = Arc::new(Mutex::new(built));
        self.timetabling.open.insert(key, shared.clone());
        Ok(shared)
    }
}
