//! The demo school's teachers: who teaches what, who is part-time, and their non-teaching
//! blocks. Everything is decided so that each teacher's load fits the periods they can teach.

use super::calendar::{DAYS, PERIODS_PER_DAY};
use super::curriculum::{DEPARTMENTS, SUBJECTS};
use domain::{Availability, NonTeachingBlock, SlotStatus, Teacher};
use rand::Rng;
use rand::rngs::SmallRng;
use rand::seq::SliceRandom;
use std::collections::BTreeSet;

/// A teacher's daily cap in the demo: 8 of the 10 periods.
pub(super) const MAX_PER_DAY: u8 = 8;

/// One lesson to staff: its subject (index into `SUBJECTS`) and its periods a week.
pub(super) struct LessonNeed {
    pub subject: usize,
    pub periods: u32,
}

/// Teachers and, per lesson (same order as the needs), the index of its teacher.
pub(super) struct Staff {
    pub teachers: Vec<Teacher>,
    pub lesson_teacher: Vec<usize>,
}

/// Spreads `wanted` teachers over the departments in proportion to their load (D'Hondt), never
/// giving a department more teachers than it has lessons; then gives each lesson to the
/// least-loaded teacher of its department.
pub(super) fn staff(needs: &[LessonNeed], wanted: usize, rng: &mut SmallRng) -> Staff {
    let groups = department_groups(needs, wanted);
    let mut group_load = vec![0u32; groups.len()];
    let mut group_lessons = vec![0usize; groups.len()];
    let group_of = |subject: usize| {
        let d = SUBJECTS[subject].department;
        groups.iter().position(|g| g.contains(&d)).unwrap_or(0)
    };
    for need in needs {
        let g = group_of(need.subject);
        group_load[g] += need.periods;
        group_lessons[g] += 1;
    }
    let mut seats = vec![0usize; groups.len()];
    for (g, seat) in seats.iter_mut().enumerate() {
        *seat = usize::from(group_lessons[g] > 0);
    }
    let mut total: usize = seats.iter().sum();
    while total < wanted {
        let best = (0..groups.len())
            .filter(|&g| seats[g] < group_lessons[g])
            .max_by(|&a, &b| {
                let ra = group_load[a] as f64 / (seats[a] + 1) as f64;
                let rb = group_load[b] as f64 / (seats[b] + 1) as f64;
                ra.total_cmp(&rb).then(b.cmp(&a))
            });
        let Some(g) = best else { break };
        seats[g] += 1;
        total += 1;
    }

    // Teacher indices per group, in group order, so numbering is stable.
    let mut members: Vec<Vec<usize>> = Vec::new();
    let mut departments = Vec::new();
    for (g, &n) in seats.iter().enumerate() {
        let first = departments.len();
        members.push((first..first + n).collect());
        departments.extend(std::iter::repeat_n(groups[g].clone(), n));
    }
    let mut load = vec![0u32; departments.len()];
    let mut lesson_teacher = vec![0usize; needs.len()];
    let mut order: Vec<usize> = (0..needs.len()).collect();
    order.sort_by_key(|&i| std::cmp::Reverse(needs[i].periods));
    for i in order {
        let candidates = &members[group_of(needs[i].subject)];
        let t = *candidates
            .iter()
            .min_by_key(|&&t| (load[t], t))
            .expect("every department with lessons has a teacher");
        load[t] += needs[i].periods;
        lesson_teacher[i] = t;
    }

    let names = unique_names(departments.len(), rng);
    let part_time_days = part_time_plan(&load, rng);
    let teachers = names
        .into_iter()
        .enumerate()
        .map(|(t, name)| {
            let mut subjects: Vec<usize> = (0..SUBJECTS.len())
                .filter(|&s| departments[t].contains(&SUBJECTS[s].department))
                .collect();
            subjects.sort_unstable();
            build_teacher(name, &subjects, load[t], &part_time_days[t], rng)
        })
        .collect();
    Staff {
        teachers,
        lesson_teacher,
    }
}

/// The catalogue's departments, merged (smallest into next smallest) when there are fewer
/// teachers than departments, so every lesson still has someone to teach it.
fn department_groups(needs: &[LessonNeed], wanted: usize) -> Vec<Vec<usize>> {
    let mut load = [0u32; DEPARTMENTS];
    for n in needs {
        load[SUBJECTS[n.subject].department] += n.periods;
    }
    let mut groups: Vec<(u32, Vec<usize>)> = (0..DEPARTMENTS)
        .filter(|&d| load[d] > 0)
        .map(|d| (load[d], vec![d]))
        .collect();
    while groups.len() > wanted.max(1) {
        groups.sort_by(|a, b| a.0.cmp(&b.0).then(a.1.cmp(&b.1)));
        let (l, mut ds) = groups.remove(0);
        groups[0].0 += l;
        groups[0].1.append(&mut ds);
    }
    let mut groups: Vec<Vec<usize>> = groups
        .into_iter()
        .map(|(_, mut d)| {
            d.sort_unstable();
            d
        })
        .collect();
    groups.sort();
    groups
}

/// Days off per teacher: light loads make part-timers (as in real schools, where a teacher
/// with a few sections comes in two or three days). Days off rotate so that the part-timers of
/// one section do not all miss the same day.
fn part_time_plan(load: &[u32], rng: &mut SmallRng) -> Vec<Vec<u8>> {
    let mut next_day = rng.gen_range(0..DAYS.len());
    load.iter()
        .map(|&l| {
            let off = if l <= 12 {
                2
            } else if l <= 20 && rng.gen_bool(0.5) {
                1
            } else {
                0
            };
            (0..off)
                .map(|_| {
                    let d = DAYS[next_day % DAYS.len()];
                    next_day += 1;
                    d
                })
                .collect()
        })
        .collect()
}

fn build_teacher(
    name: String,
    subjects: &[usize],
    load: u32,
    days_off: &[u8],
    rng: &mut SmallRng,
) -> Teacher {
    let mut availability = Vec::new();
    for &day in days_off {
        for period in 1..=PERIODS_PER_DAY {
            availability.push(Availability {
                day,
                period,
                status: SlotStatus::Unavailable,
            });
        }
    }
    let working: Vec<u8> = DAYS
        .iter()
        .copied()
        .filter(|d| !days_off.contains(d))
        .collect();
    let free = working.len() as u32 * PERIODS_PER_DAY as u32;
    // Non-teaching duties only where they leave ample room: a third of the free periods spare.
    let mut blocks = Vec::new();
    if days_off.is_empty() && load + 4 <= free * 2 / 3 && rng.gen_bool(0.6) {
        let label = if rng.gen_bool(0.5) {
            "ADMINISTRATIVA"
        } else {
            "CCM"
        };
        let day = working[rng.gen_range(0..working.len())];
        let first = if rng.gen_bool(0.5) {
            9
        } else {
            rng.gen_range(1..=3) * 2 - 1
        };
        for period in [first, first + 1] {
            blocks.push(NonTeachingBlock {
                day,
                period,
                label: label.into(),
            });
        }
    }
    if rng.gen_bool(0.3) {
        let day = working[rng.gen_range(0..working.len())];
        availability.push(Availability {
            day,
            period: PERIODS_PER_DAY,
            status: SlotStatus::Undesired,
        });
    }
    let contract = [12u16, 18, 24, 30, 36, 42]
        .into_iter()
        .find(|&c| c as u32 >= load)
        .unwrap_or(load as u16);
    let document = format!("V-{}", rng.gen_range(6_000_000..28_000_000));
    let email = format!("{}@demo.edu.ve", email_local(&name));
    Teacher {
        name,
        identity_document: Some(document),
        email: Some(email),
        subject_ids: subjects.iter().map(|&s| s as i64 + 1).collect(),
        max_periods_per_day: Some(MAX_PER_DAY),
        max_periods_per_week: Some(contract),
        availability,
        blocks,
    }
}

const FIRST_NAMES: [&str; 32] = [
    "María",
    "José",
    "Carmen",
    "Luis",
    "Ana",
    "Carlos",
    "Yelitza",
    "Jesús",
    "Rosa",
    "Pedro",
    "Yolanda",
    "Miguel",
    "Luisa",
    "Rafael",
    "Marisol",
    "Jorge",
    "Gabriela",
    "Ramón",
    "Daniela",
    "Andrés",
    "Elena",
    "Francisco",
    "Yusmary",
    "Héctor",
    "Beatriz",
    "Omar",
    "Milagros",
    "Víctor",
    "Nelly",
    "Gustavo",
    "Zuleima",
    "Alejandro",
];
const SURNAMES: [&str; 32] = [
    "González",
    "Rodríguez",
    "Pérez",
    "Hernández",
    "García",
    "Martínez",
    "López",
    "Ramírez",
    "Sánchez",
    "Díaz",
    "Torres",
    "Rojas",
    "Mendoza",
    "Contreras",
    "Guerrero",
    "Medina",
    "Castillo",
    "Moreno",
    "Romero",
    "Suárez",
    "Blanco",
    "Briceño",
    "Chacón",
    "Villegas",
    "Salazar",
    "Parra",
    "Marcano",
    "Rondón",
    "Quintero",
    "Urdaneta",
    "Colmenares",
    "Zambrano",
];

/// Distinct "Nombre Apellido" names; a second surname is added when the pair is taken.
fn unique_names(n: usize, rng: &mut SmallRng) -> Vec<String> {
    let mut seen = BTreeSet::new();
    let mut names = Vec::with_capacity(n);
    while names.len() < n {
        let first = FIRST_NAMES.choose(rng).expect("names");
        let last = SURNAMES.choose(rng).expect("names");
        let mut name = format!("{first} {last}");
        if seen.contains(&name) {
            name = format!("{name} {}", SURNAMES.choose(rng).expect("names"));
        }
        if seen.insert(name.clone()) {
            names.push(name);
        }
    }
    names
}

fn email_local(name: &str) -> String {
    let plain: String = name
        .to_lowercase()
        .chars()
        .map(|c| match c {
            'á' => 'a',
            'é' => 'e',
            'í' => 'i',
            'ó' => 'o',
            'ú' | 'ü' => 'u',
            'ñ' => 'n',
            ' ' => '.',
            c => c,
        })
        .collect();
    plain
}
