//! Dense index newtypes. Every entity of a compiled model is addressed by a `u32` index so the
//! search state can live in flat arrays.

macro_rules! dense_id {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub struct $name(pub u32);

        impl $name {
            /// The index as a `usize`, for array access.
            pub fn index(self) -> usize {
                self.0 as usize
            }
        }
    };
}

dense_id!(
    /// A time slot (a period). Times are ordered; an event of duration `d` starting at `t`
    /// occupies `t, t+1, ..., t+d-1`.
    TimeId
);
dense_id!(
    /// A named set of times (a day, a week, "mornings").
    TimeGroupId
);
dense_id!(
    /// A kind of resource (teacher, room, class, student).
    ResourceTypeId
);
dense_id!(
    /// A resource: anything that can be double-booked.
    ResourceId
);
dense_id!(
    /// An event (a lesson of some duration to be placed, possibly split into sub-events).
    EventId
);
dense_id!(
    /// A constraint as added to the builder.
    ConstraintId
);
