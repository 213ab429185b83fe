//! Warm starts: the search's first state taken from a given timetable instead of constructed.

use crate::construct::{assign_resources, place_time};
use crate::model::{Model, NONE};
use crate::solution::Solution;
use crate::state::State;
use rand::rngs::SmallRng;

/// The search's starting state for a warm start: `initial` loaded, locked sub-events put back
/// where the model locks them, and sub-events without a time placed as construction would.
/// `None` when `initial` does not fit the model (the caller constructs from scratch).
pub(crate) fn warm_state<'m>(
    model: &'m Model,
    initial: &Solution,
    rng: &mut SmallRng,
) -> Option<State<'m>> {
    let mut state = State::from_solution(model, initial).ok()?;
    for slot in 0..model.num_slots() {
        if model.slot_locked[slot] {
            state.start[slot] = model.slot_locked_start[slot];
            state.dur[slot] = model.slot_locked_duration[slot];
            let base = model.slot_res_base[slot] as usize;
            for k in 0..model.roles(model.slot_event[slot]).len() {
                if model.slot_role_locked[base + k] != NONE {
                    state.res[base + k] = model.slot_role_locked[base + k];
                }
            }
        }
    }
    state.rebuild();
    for slot in 0..model.num_slots() {
        if state.dur[slot] == 0 || model.slot_locked[slot] {
            continue;
        }
        if state.start[slot] == NONE {
            place_time(&mut state, slot, rng);
            assign_resources(&mut state, slot, rng);
        } else if open_role_empty(&state, slot) {
            // The cheapest resource is never dearer than none.
            assign_resources(&mut state, slot, rng);
        }
    }
    state.rebuild();
    Some(state)
}

fn open_role_empty(state: &State, slot: usize) -> bool {
    let m = state.m;
    m.roles(m.slot_event[slot])
        .enumerate()
        .any(|(k, fr)| m.role_fixed[fr] == NONE && state.resource(slot, k) == NONE)
}
