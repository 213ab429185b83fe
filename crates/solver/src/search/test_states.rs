//! Timetables the search's unit tests start from.

use crate::model::Model;
use crate::state::State;

/// Event `e`'s first sub-event at `starts[e]` (duration 1), evaluated.
pub(super) fn place<'m>(m: &'m Model, starts: &[u32]) -> State<'m> {
    let mut st = State::new(m);
    st.begin();
    for (e, &t) in starts.iter().enumerate() {
        let s = m.slots(e as u32).start;
        st.set_slot(s, t, 1);
    }
    st.evaluate();
    st
}
