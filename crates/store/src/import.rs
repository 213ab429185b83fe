//! A whole school in or out in one transaction: imports and the demo write through here, the
//! solver compile path reads through here.

use crate::error::{Result, StoreError};
use crate::placements::insert_placements_in;
use crate::records::{KnownIds, all_in, create_in, update_in};
use crate::revisions::RevisionConn;
use crate::tenant_sql::TenantConn;
use crate::tenant_store::{TenantStore, in_tenant_tx};
use domain::{
    Id, Lesson, Level, Record, Resource, Room, Rule, SchoolCounts, SchoolData, SchoolYear, Section,
    Subject, Teacher, TimeGrid, Timetable, TimetableData,
};
use serde::Serialize;
use std::collections::{BTreeMap, HashMap};

/// What an import wrote.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct ImportOutcome {
    /// Records in the bundle, per kind (all of them were written or merged).
    pub counts: SchoolCounts,
    /// Records that updated an existing one instead of adding one: levels with the same code,
    /// school years with the same name, rules of the same kind.
    pub merged: usize,
    /// Provisional id -> real id, per collection.
    pub ids: BTreeMap<String, BTreeMap<Id, Id>>,
}

/// How a bundle record meets the tenant's existing records.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Merge {
    /// Always a new record (a clash with an existing unique key is a Conflict).
    Never,
    /// Updates the existing record with the same unique key (seeded levels, school year).
    ByKey,
}

struct Remapper {
    ids: HashMap<(&'static str, Id), Id>,
    known: KnownIds,
    outcome: ImportOutcome,
}

impl Remapper {
    fn record(&mut self, collection: &'static str, provisional: Id, real: Id) {
        self.ids.insert((collection, provisional), real);
        self.outcome
            .ids
            .entry(collection.to_string())
            .or_default()
            .insert(provisional, real);
    }

    /// The record with its references rewritten to real ids. A provisional id that was never
    /// written maps to 0, which no record has, so the reference check rejects it instead of
    /// it landing on an unrelated record that happens to have that id.
    fn remap<T: Resource>(&self, data: &T) -> T {
        let mut data = data.clone();
        data.remap_references(&mut |collection, old| {
            self.ids.get(&(collection, old)).copied().unwrap_or(0)
        });
        data
    }
}

async fn import_collection<C: TenantConn, T: Resource>(
    conn: &mut C,
    map: &mut Remapper,
    records: &[Record<T>],
    merge: Merge,
) -> Result<()> {
    for (i, record) in records.iter().enumerate() {
        let prefix = format!("{}[{i}]", T::COLLECTION);
        let data = map.remap(&record.data);
        let existing = match (merge, data.unique_key()) {
            (Merge::ByKey, Some(key)) => conn.find_key(T::COLLECTION, &key).await?,
            _ => None,
        };
        let real = match existing {
            Some(id) => {
                update_in(conn, id, &data, &mut map.known)
                    .await
                    .map_err(|e| e.within(&prefix))?;
                map.outcome.merged += 1;
                id
            }
            None => {
                create_in(conn, &data, &mut map.known)
                    .await
                    .map_err(|e| e.within(&prefix))?
                    .id
            }
        };
        map.record(T::COLLECTION, record.id, real);
    }
    Ok(())
}

/// Rules have no natural key; a school has one rule per kind unless it narrows some to
/// teachers or sections, so an imported rule replaces the first unused existing rule of its kind.
async fn import_rules<C: TenantConn>(
    conn: &mut C,
    map: &mut Remapper,
    rules: &[Record<Rule>],
) -> Result<()> {
    let mut existing: Vec<Record<Rule>> = all_in(conn).await?;
    for (i, record) in rules.iter().enumerate() {
        let prefix = format!("rules[{i}]");
        let data = map.remap(&record.data);
        let same_kind = existing.iter().position(|r| r.data.kind == data.kind);
        let real = match same_kind {
            Some(pos) => {
                let id = existing.remove(pos).id;
                update_in(conn, id, &data, &mut map.known)
                    .await
                    .map_err(|e| e.within(&prefix))?;
                map.outcome.merged += 1;
                id
            }
            None => {
                create_in(conn, &data, &mut map.known)
                    .await
                    .map_err(|e| e.within(&prefix))?
                    .id
            }
        };
        map.record(Rule::COLLECTION, record.id, real);
    }
    Ok(())
}

async fn import_in<C: TenantConn>(conn: &mut C, data: &SchoolData) -> Result<ImportOutcome> {
    let mut map = Remapper {
        ids: HashMap::new(),
        known: KnownIds::default(),
        outcome: ImportOutcome {
            counts: data.counts(),
            ..ImportOutcome::default()
        },
    };
    // Dependency order: everything a record points at is written before it.
    import_collection(conn, &mut map, &data.school_years, Merge::ByKey).await?;
    import_collection(conn, &mut map, &data.levels, Merge::ByKey).await?;
    import_collection(conn, &mut map, &data.time_grids, Merge::Never).await?;
    import_collection(conn, &mut map, &data.subjects, Merge::Never).await?;
    import_collection(conn, &mut map, &data.rooms, Merge::Never).await?;
    import_collection(conn, &mut map, &data.teachers, Merge::Never).await?;
    import_collection(conn, &mut map, &data.sections, Merge::Never).await?;
    import_collection(conn, &mut map, &data.lessons, Merge::Never).await?;
    import_rules(conn, &mut map, &data.rules).await?;
    for (t, tt) in data.timetables.iter().enumerate() {
        let prefix = format!("timetables[{t}]");
        let timetable = map.remap(&tt.timetable.data);
        let real = create_in(conn, &timetable, &mut map.known)
            .await
            .map_err(|e| e.within(&prefix))?
            .id;
        map.record(Timetable::COLLECTION, tt.timetable.id, real);
        let placements: Vec<_> = tt.placements.iter().map(|p| map.remap(p)).collect();
        insert_placements_in(conn, real, &placements, &mut map.known)
            .await
            .map_err(|e| e.within(&prefix))?;
    }
    Ok(map.outcome)
}

pub(crate) async fn load_in<C: TenantConn>(conn: &mut C) -> Result<SchoolData> {
    let mut timetables = Vec::new();
    for timetable in all_in::<_, Timetable>(conn).await? {
        let placements = conn
            .fetch_placements(timetable.id)
            .await?
            .into_iter()
            .map(|p| p.data)
            .collect();
        timetables.push(TimetableData {
            timetable,
            placements,
        });
    }
    Ok(SchoolData {
        school_years: all_in::<_, SchoolYear>(conn).await?,
        levels: all_in::<_, Level>(conn).await?,
        time_grids: all_in::<_, TimeGrid>(conn).await?,
        subjects: all_in::<_, Subject>(conn).await?,
        rooms: all_in::<_, Room>(conn).await?,
        teachers: all_in::<_, Teacher>(conn).await?,
        sections: all_in::<_, Section>(conn).await?,
        lessons: all_in::<_, Lesson>(conn).await?,
        rules: all_in::<_, Rule>(conn).await?,
        timetables,
    })
}

impl TenantStore {
    /// Writes a whole school in one transaction: all or nothing. The bundle is validated first
    /// (Invalid with fields such as `lessons[3].subject_id`); provisional ids become real ones;
    /// levels merge with the existing ones by code, school years by name, rules by kind.
    pub async fn import_school(&self, data: &SchoolData) -> Result<ImportOutcome> {
        data.validate().map_err(StoreError::Invalid)?;
        Ok(in_tenant_tx!(self, write, |conn| {
            let outcome = import_in(conn, data).await?;
            conn.bump_school().await?;
            outcome
        }))
    }

    /// The tenant's whole school with real ids, read in one transaction (a consistent view).
    pub async fn load_school(&self) -> Result<SchoolData> {
        Ok(in_tenant_tx!(self, snapshot, |conn| load_in(conn).await?))
    }
}
