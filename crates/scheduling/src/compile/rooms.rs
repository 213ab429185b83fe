//! The room a lesson's blocks take: the lesson's own room, or one chosen by the solver among
//! those the hard room rules allow, with the soft room rules as preferences.

use super::Owner;
use super::events::{Draft, enabled_rule};
use crate::SchedulingError;
use domain::{Id, Record, Room, RuleKind, SchoolData};
use solver::{EventId, ResourceId, RoleResource, RoleSpec};

/// Rooms an event would rather have, for the soft room rules.
pub(super) struct RoomWish {
    pub event: EventId,
    pub role: u32,
    pub homeroom: Option<ResourceId>,
    /// Set when the room type rule is soft: rooms of the wanted type.
    pub of_kind: Option<Vec<ResourceId>>,
    /// Set when the capacity rule is soft: rooms big enough.
    pub big_enough: Option<Vec<ResourceId>>,
}

impl Draft {
    /// The lesson's room role: its own room if it names one; otherwise a room chosen among the
    /// rooms the hard room rules allow, with the soft ones as preferences.
    pub(super) fn room_role(
        &self,
        school: &SchoolData,
        lesson: &Record<domain::Lesson>,
    ) -> Result<Option<(RoleSpec, RoomWish)>, SchedulingError> {
        let l = &lesson.data;
        let wish = |homeroom, of_kind, big_enough| RoomWish {
            event: EventId(0),
            role: 0,
            homeroom,
            of_kind,
            big_enough,
        };
        if let Some(room) = l.room_id {
            let role = RoleSpec {
                name: "aula".into(),
                resource: RoleResource::Fixed(self.room_res[&room]),
                workload: None,
            };
            return Ok(Some((role, wish(None, None, None))));
        }
        if school.rooms.is_empty() || !takes_a_room(school, lesson.id) {
            return Ok(None);
        }
        let homeroom_id = l
            .section_ids
            .first()
            .and_then(|s| school.sections.iter().find(|x| x.id == *s))
            .and_then(|s| s.data.homeroom_id);
        let homeroom = homeroom_id.and_then(|h| school.rooms.iter().find(|r| r.id == h));
        let kind = l
            .room_kind
            .or(homeroom.map(|h| h.data.kind))
            .unwrap_or(domain::RoomKind::Aula);
        let size = self.lesson_size(school, lesson);
        let hard = |k| enabled_rule(school, k).map(|r| r.hard);
        let fits_kind = |r: &Record<Room>| r.data.kind == kind;
        let fits_size = |r: &Record<Room>| r.data.capacity == 0 || r.data.capacity >= size;
        let ids = |pred: &dyn Fn(&Record<Room>) -> bool| -> Vec<ResourceId> {
            school
                .rooms
                .iter()
                .filter(|r| pred(r))
                .map(|r| self.room_res[&r.id])
                .collect()
        };
        let home_wanted = l.room_kind.is_none() || l.room_kind == homeroom.map(|h| h.data.kind);
        let home_res = homeroom
            .filter(|_| home_wanted)
            .map(|h| self.room_res[&h.id]);
        let homerooms: Vec<Id> = school
            .sections
            .iter()
            .filter_map(|s| s.data.homeroom_id)
            .collect();
        let domain = match (hard(RuleKind::HomeroomPreference), home_res) {
            (Some(true), Some(h)) => vec![h],
            (Some(false), Some(h)) => {
                // Another section's homeroom is that section's: a lesson may leave its own
                // homeroom only for a room nobody calls home.
                let mut d = vec![h];
                d.extend(ids(&|r| fits_kind(r) && !homerooms.contains(&r.id)));
                d
            }
            _ => {
                let type_hard = hard(RuleKind::RoomType) == Some(true);
                let size_hard = hard(RuleKind::RoomCapacity) == Some(true);
                ids(&|r| (!type_hard || fits_kind(r)) && (!size_hard || fits_size(r)))
            }
        };
        if domain.is_empty() {
            return Err(SchedulingError::InvalidSchool(format!(
                "la clase {} necesita un aula de tipo {} con capacidad para {size} y no hay ninguna",
                self.names[&Owner::Lesson { id: lesson.id }],
                kind_name(kind)
            )));
        }
        let of_kind = (hard(RuleKind::RoomType) == Some(false)).then(|| ids(&fits_kind));
        let big_enough = (hard(RuleKind::RoomCapacity) == Some(false)).then(|| ids(&fits_size));
        // A single possible room is preassigned: the search then never has to choose it.
        let resource = match domain.as_slice() {
            [only] => RoleResource::Fixed(*only),
            _ => RoleResource::Open {
                resource_type: self.room_type,
                domain,
            },
        };
        let role = RoleSpec {
            name: "aula".into(),
            resource,
            workload: None,
        };
        Ok(Some((role, wish(home_res, of_kind, big_enough))))
    }

    fn lesson_size(&self, school: &SchoolData, lesson: &Record<domain::Lesson>) -> u32 {
        let l = &lesson.data;
        l.section_ids
            .iter()
            .filter_map(|s| school.sections.iter().find(|x| x.id == *s))
            .map(|s| match &l.group {
                Some(g) => s
                    .data
                    .groups
                    .iter()
                    .find(|x| &x.name == g)
                    .map_or(s.data.size, |x| x.size),
                None => s.data.size,
            })
            .sum()
    }
}

/// FET's room semantics: where the school has preferred-room rules (they come from FET files,
/// one per FET space constraint, always naming their lessons), a lesson that none of them
/// names takes no room, as FET gives such an activity none. Without it a FET file with fewer
/// rooms than parallel activities could never be feasible.
fn takes_a_room(school: &SchoolData, lesson_id: Id) -> bool {
    let mut room_rules = school
        .rules
        .iter()
        .map(|r| &r.data)
        .filter(|r| r.enabled && r.kind == RuleKind::PreferredRooms)
        .peekable();
    if room_rules.peek().is_none() {
        return true;
    }
    room_rules.any(|r| {
        r.params
            .get("lesson_ids")
            .and_then(|v| v.as_array())
            .is_some_and(|ids| ids.iter().any(|x| x.as_i64() == Some(lesson_id)))
    })
}

fn kind_name(kind: domain::RoomKind) -> &'static str {
    match kind {
        domain::RoomKind::Aula => "aula",
        domain::RoomKind::Laboratorio => "laboratorio",
        domain::RoomKind::Cancha => "cancha",
        domain::RoomKind::SalaComputacion => "sala de computación",
        domain::RoomKind::Otro => "otro",
    }
}
