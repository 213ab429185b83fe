//! FET 6 virtual rooms (`Room::parts`): an activity placed in one takes, besides it, one real
//! room of each of its sets, all different (FET's help on virtual rooms). A block whose hard
//! room rules leave it only a virtual room (or, with no hard room rule, whose 90 %+ soft rule
//! names one) gets that room fixed and one more room role per set
//! (its real rooms, or the ones FET's locked constraint names); two roles on one room at once
//! are a clash, so the real rooms come out different. Anywhere else a virtual room is left out
//! of the rooms to choose from: without its real rooms it would hide from us the clashes FET
//! sees (SPAIN_20-21-locked: 44 slots where a virtual room met an activity in a real one).

use super::events::Draft;
use domain::{Id, RuleKind, SchoolData};
use serde_json::Value;
use solver::{EventSpec, ResourceId, ResourceTypeId, RoleResource, RoleSpec};
use std::collections::{BTreeMap, BTreeSet};

/// A block's virtual room and the rooms each of its real-room roles may take.
type Taken = (ResourceId, Vec<Vec<ResourceId>>);

pub(super) struct VirtualRooms {
    blocks: BTreeMap<(Id, u16), Taken>,
    /// Blocks whose hard room rule lists a virtual room among others.
    plain: BTreeSet<(Id, u16)>,
    all: BTreeSet<ResourceId>,
    room_type: ResourceTypeId,
}

fn ids(p: &Value, key: &str) -> Option<Vec<i64>> {
    p.get(key)
        .and_then(Value::as_array)
        .map(|a| a.iter().filter_map(Value::as_i64).collect())
}

impl VirtualRooms {
    pub fn of(school: &SchoolData, d: &Draft) -> VirtualRooms {
        let res = |id: &Id| d.room_res.get(id).copied();
        let parts: BTreeMap<Id, Vec<Vec<ResourceId>>> = school
            .rooms
            .iter()
            .filter(|r| !r.data.parts.is_empty())
            .map(|r| {
                let sets = r.data.parts.iter();
                (
                    r.id,
                    sets.map(|s| s.iter().filter_map(res).collect()).collect(),
                )
            })
            .collect();
        let (mut blocks, mut plain) = (BTreeMap::new(), BTreeSet::new());
        let room_rules = school.rules.iter().map(|r| &r.data).filter(|r| {
            r.enabled
                && r.kind == RuleKind::PreferredRooms
                && r.params.get("home").and_then(Value::as_bool) != Some(true)
        });
        let (hard_rooms, soft_rooms): (Vec<_>, Vec<_>) = room_rules.partition(|r| r.hard);
        let mut hard_named = BTreeSet::new();
        for rule in &hard_rooms {
            for_blocks(school, &rule.params, &mut |block| {
                hard_named.insert(block);
            });
        }
        for rule in hard_rooms {
            let p = &rule.params;
            let rooms = ids(p, "room_ids").unwrap_or_default();
            let [room] = rooms.as_slice() else {
                // A choice among several rooms, virtual ones among them, is not modelled: those
                // blocks keep the virtual rooms as plain rooms to choose from.
                if rooms.iter().any(|r| parts.contains_key(r)) {
                    for_blocks(school, p, &mut |block| {
                        plain.insert(block);
                    });
                }
                continue;
            };
            let (Some(sets), Some(v)) = (parts.get(room), res(room)) else {
                continue;
            };
            // FET's locked form names the real rooms too, one per set in order.
            let real: Vec<ResourceId> = ids(p, "real_room_ids")
                .unwrap_or_default()
                .iter()
                .filter_map(res)
                .collect();
            let sets = if real.len() == sets.len() {
                real.iter().map(|&r| vec![r]).collect()
            } else {
                sets.clone()
            };
            for_blocks(school, p, &mut |block| {
                blocks.insert(block, (v, sets.clone()));
            });
        }
        // FET's generator keeps a rule of 90 % or more on nearly every placement (ADR 0007),
        // and a block left out of a virtual room could never meet its soft rule here: a block
        // no hard room rule names takes the one virtual room such a rule names, as a hard rule
        // would have it (SPAIN_20-21-locked: subject TIC at 95 % in «AV TIC», 8 blocks, all in
        // it in FET's own timetable, 7.6 soft conflicts more in ours).
        for rule in soft_rooms {
            let p = &rule.params;
            let strong = p.get("weight_percent").and_then(Value::as_f64) >= Some(90.0);
            let rooms = ids(p, "room_ids").unwrap_or_default();
            let ([room], true) = (rooms.as_slice(), strong) else {
                continue;
            };
            let (Some(sets), Some(v)) = (parts.get(room), res(room)) else {
                continue;
            };
            for_blocks(school, p, &mut |block| {
                if !hard_named.contains(&block) {
                    blocks.entry(block).or_insert_with(|| (v, sets.clone()));
                }
            });
        }
        VirtualRooms {
            blocks,
            plain,
            all: parts.keys().filter_map(res).collect(),
            room_type: d.room_type,
        }
    }

    /// The room role of block `unit` of `lesson`, given the lesson's: its virtual room, fixed,
    /// when it takes one; else the lesson's role without virtual rooms to choose from (unless
    /// nothing else is left).
    pub fn role(&self, lesson_role: &RoleSpec, lesson: Id, unit: u16) -> RoleSpec {
        let mut role = lesson_role.clone();
        if let Some((v, _)) = self.blocks.get(&(lesson, unit)) {
            role.resource = RoleResource::Fixed(*v);
        } else if let RoleResource::Open { domain, .. } = &mut role.resource
            && !self.plain.contains(&(lesson, unit))
            && domain.iter().any(|r| !self.all.contains(r))
        {
            domain.retain(|r| !self.all.contains(r));
        }
        role
    }

    /// One more room role per set when the block takes a virtual room.
    pub fn add_real_rooms(&self, spec: &mut EventSpec, lesson: Id, unit: u16) {
        let Some((_, sets)) = self.blocks.get(&(lesson, unit)) else {
            return;
        };
        for set in sets {
            let resource = match set.as_slice() {
                [one] => RoleResource::Fixed(*one),
                _ => RoleResource::Open {
                    resource_type: self.room_type,
                    domain: set.clone(),
                },
            };
            spec.roles.push(RoleSpec {
                name: "aula real".into(),
                resource,
                workload: None,
            });
        }
    }
}

/// Calls `f` with each block (lesson, unit) a rule names: `lesson_ids` with the parallel
/// `blocks`, or every block of a lesson when `blocks` is absent.
fn for_blocks(school: &SchoolData, p: &Value, f: &mut dyn FnMut((Id, u16))) {
    let units = ids(p, "blocks");
    for (i, lesson) in ids(p, "lesson_ids").unwrap_or_default().iter().enumerate() {
        match units.as_ref().and_then(|u| u.get(i)) {
            Some(&u) => f((*lesson, u as u16)),
            None => {
                let l = school.lessons.iter().find(|l| l.id == *lesson);
                for u in 0..l.map_or(0, |l| l.data.blocks().len() as u16) {
                    f((*lesson, u));
                }
            }
        }
    }
}
